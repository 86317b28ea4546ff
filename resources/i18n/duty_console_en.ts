<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Duty Console</source>
        <translation>About Duty Console</translation>
    </message>
    <message>
        <source>Duty Console</source>
        <translation>Duty Console</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>The workstation of the online police platform&apos;s duty officers.</source>
        <translation>The workstation of the online police platform&apos;s duty officers.</translation>
    </message>
    <message>
        <source>{url} — local demo platform, invented data</source>
        <translation>{url} — local demo platform, invented data</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>not signed in</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>Trusted certificates</translation>
    </message>
    <message>
        <source>built-in list (verification always on)</source>
        <translation>built-in list (verification always on)</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Log file</translation>
    </message>
    <message>
        <source>Alert journal</source>
        <translation>Alert journal</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>Settings file</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Components</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>AckChooser</name>
    <message>
        <source>Which silent report?</source>
        <translation>Which silent report?</translation>
    </message>
    <message>
        <source>Several silent reports are waiting. Which one do you acknowledge?</source>
        <translation>Several silent reports are waiting. Which one do you acknowledge?</translation>
    </message>
    <message>
        <source>{n}.  #{id}  waiting {age}  {text}</source>
        <translation>{n}.  #{id}  waiting {age}  {text}</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
</context>
<context>
    <name>Action</name>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Assisting units named</source>
        <translation>Assisting units named</translation>
    </message>
    <message>
        <source>Attachment added</source>
        <translation>Attachment added</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>Callback</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>Extension decided</source>
        <translation>Extension decided</translation>
    </message>
    <message>
        <source>Extension decision</source>
        <translation>Extension decision</translation>
    </message>
    <message>
        <source>Extension request</source>
        <translation>Extension request</translation>
    </message>
    <message>
        <source>Extension requested</source>
        <translation>Extension requested</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Internal note</translation>
    </message>
    <message>
        <source>Not signed for in time</source>
        <translation>Not signed for in time</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Posted</translation>
    </message>
    <message>
        <source>Priority changed</source>
        <translation>Priority changed</translation>
    </message>
    <message>
        <source>Private answer from the citizen</source>
        <translation>Private answer from the citizen</translation>
    </message>
    <message>
        <source>Private message to the citizen</source>
        <translation>Private message to the citizen</translation>
    </message>
    <message>
        <source>Private message</source>
        <translation>Private message</translation>
    </message>
    <message>
        <source>Public reply</source>
        <translation>Public reply</translation>
    </message>
    <message>
        <source>Rated by the citizen</source>
        <translation>Rated by the citizen</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Sign for</source>
        <translation>Sign for</translation>
    </message>
    <message>
        <source>Signed for</source>
        <translation>Signed for</translation>
    </message>
    <message>
        <source>Supervise</source>
        <translation>Supervise</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>Under supervision</source>
        <translation>Under supervision</translation>
    </message>
    <message>
        <source>Urge</source>
        <translation>Urge</translation>
    </message>
    <message>
        <source>Urged</source>
        <translation>Urged</translation>
    </message>
    <message>
        <source>A duplicate merged in</source>
        <translation>A duplicate merged in</translation>
    </message>
    <message>
        <source>A duplicate unmerged</source>
        <translation>A duplicate unmerged</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>Merged as a duplicate</source>
        <translation>Merged as a duplicate</translation>
    </message>
    <message>
        <source>Newer location from the reporter</source>
        <translation>Newer location from the reporter</translation>
    </message>
    <message>
        <source>Unmerge</source>
        <translation>Unmerge</translation>
    </message>
    <message>
        <source>Unmerged</source>
        <translation>Unmerged</translation>
    </message>
</context>
<context>
    <name>ActionBar</name>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Resolve…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>Acknowledge silent report</source>
        <translation>Acknowledge silent report</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Internal note</translation>
    </message>
    <message>
        <source>{what}: sending…</source>
        <translation>{what}: sending…</translation>
    </message>
</context>
<context>
    <name>AlarmDesk</name>
    <message>
        <source>Silent report</source>
        <translation>Silent report</translation>
    </message>
    <message numerus="yes">
        <source>%n silent report(s) waiting for acknowledgement</source>
        <translation>
            <numerusform>%n silent report waiting for acknowledgement</numerusform>
            <numerusform>%n silent reports waiting for acknowledgement</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertBanner</name>
    <message>
        <source>another console</source>
        <translation>another console</translation>
    </message>
    <message>
        <source>Silent report #{id} acknowledged by {name} after {duration}</source>
        <translation>Silent report #{id} acknowledged by {name} after {duration}</translation>
    </message>
    <message>
        <source>Alarms cannot sound: {reason}</source>
        <translation>Alarms cannot sound: {reason}</translation>
    </message>
    <message>
        <source>no audio output device found</source>
        <translation>no audio output device found</translation>
    </message>
    <message>
        <source>Acknowledge the silent report on screen</source>
        <translation>Acknowledge the silent report on screen</translation>
    </message>
    <message>
        <source>The alert journal cannot be written: alarms still sound, but this workstation keeps no record of them. Tell IT. ({reason})</source>
        <translation>The alert journal cannot be written: alarms still sound, but this workstation keeps no record of them. Tell IT. ({reason})</translation>
    </message>
    <message>
        <source>▴ Show only the oldest report · {key} asks which to acknowledge</source>
        <translation>▴ Show only the oldest report · {key} asks which to acknowledge</translation>
    </message>
    <message numerus="yes">
        <source>▾ %n more silent report(s) waiting · click to see them all</source>
        <translation>
            <numerusform>▾ %n more silent report waiting · click to see them all</numerusform>
            <numerusform>▾ %n more silent reports waiting · click to see them all</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApiError</name>
    <message>
        <source>The platform&apos;s certificate cannot be verified; ask the administrator to check it.</source>
        <translation>The platform&apos;s certificate cannot be verified; ask the administrator to check it.</translation>
    </message>
    <message>
        <source>Cannot reach the platform; check the network. The console retries by itself once it is back.</source>
        <translation>Cannot reach the platform; check the network. The console retries by itself once it is back.</translation>
    </message>
    <message>
        <source>Someone else has already handled this post; refresh to see it.</source>
        <translation>Someone else has already handled this post; refresh to see it.</translation>
    </message>
    <message>
        <source>Someone has just updated this post; look at the latest version and try again.</source>
        <translation>Someone has just updated this post; look at the latest version and try again.</translation>
    </message>
    <message>
        <source>That did not work (the platform answered {status}); please try again later.</source>
        <translation>That did not work (the platform answered {status}); please try again later.</translation>
    </message>
    <message>
        <source>That did not work; please try again later.</source>
        <translation>That did not work; please try again later.</translation>
    </message>
    <message>
        <source>The platform did not accept what was sent; check it and try again.</source>
        <translation>The platform did not accept what was sent; check it and try again.</translation>
    </message>
    <message>
        <source>The platform had a temporary error; please try again later.</source>
        <translation>The platform had a temporary error; please try again later.</translation>
    </message>
    <message>
        <source>The platform sent an answer the console cannot read; try again later or contact the administrator.</source>
        <translation>The platform sent an answer the console cannot read; try again later or contact the administrator.</translation>
    </message>
    <message>
        <source>This item cannot be found; it may have been moved out of your area.</source>
        <translation>This item cannot be found; it may have been moved out of your area.</translation>
    </message>
    <message>
        <source>Too many attempts; please try again later.</source>
        <translation>Too many attempts; please try again later.</translation>
    </message>
    <message>
        <source>Too many attempts; try again in {n} seconds.</source>
        <translation>Too many attempts; try again in {n} seconds.</translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation>You are not allowed to do this.</translation>
    </message>
    <message>
        <source>Your sign-in is no longer valid; please sign in again.</source>
        <translation>Your sign-in is no longer valid; please sign in again.</translation>
    </message>
    <message>
        <source>{name} has already accepted this post; refresh to see it.</source>
        <translation>{name} has already accepted this post; refresh to see it.</translation>
    </message>
</context>
<context>
    <name>AttachmentsView</name>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>▶ Play recording</source>
        <translation>▶ Play recording</translation>
    </message>
    <message>
        <source>Image cannot be shown</source>
        <translation>Image cannot be shown</translation>
    </message>
    <message>
        <source>The image has not finished loading, or cannot be shown.</source>
        <translation>The image has not finished loading, or cannot be shown.</translation>
    </message>
    <message>
        <source>The recording could not be downloaded; please try again shortly.</source>
        <translation>The recording could not be downloaded; please try again shortly.</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>{label}：{value}</source>
        <translation>{label}: {value}</translation>
    </message>
</context>
<context>
    <name>CallbackWorklist</name>
    <message>
        <source>Callbacks due</source>
        <translation>Callbacks due</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>What the citizen said (required if dissatisfied)</source>
        <translation>What the citizen said (required if dissatisfied)</translation>
    </message>
    <message>
        <source>Open case (Enter)</source>
        <translation>Open case (Enter)</translation>
    </message>
    <message>
        <source>No callbacks are due.</source>
        <translation>No callbacks are due.</translation>
    </message>
    <message>
        <source>Write down what the citizen is dissatisfied with first.</source>
        <translation>Write down what the citizen is dissatisfied with first.</translation>
    </message>
    <message>
        <source>Case #{id}: attempt {n} recorded ({what}).</source>
        <translation>Case #{id}: attempt {n} recorded ({what}).</translation>
    </message>
    <message>
        <source>Case #{id}: unreachable {n} times; the callback has ended.</source>
        <translation>Case #{id}: unreachable {n} times; the callback has ended.</translation>
    </message>
    <message>
        <source>Case #{id}: {what}; the callback is done.</source>
        <translation>Case #{id}: {what}; the callback is done.</translation>
    </message>
    <message>
        <source>Case #{id}: dissatisfied; the case is reopened under supervision.</source>
        <translation>Case #{id}: dissatisfied; the case is reopened under supervision.</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>Basically satisfied</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Unreachable</translation>
    </message>
</context>
<context>
    <name>CaseBody</name>
    <message>
        <source>Show them</source>
        <translation>Show them</translation>
    </message>
    <message>
        <source>This post contains {n} invisible or direction-changing characters; they can make the text read differently from what was sent.</source>
        <translation>This post contains {n} invisible or direction-changing characters; they can make the text read differently from what was sent.</translation>
    </message>
    <message>
        <source>Show as sent</source>
        <translation>Show as sent</translation>
    </message>
</context>
<context>
    <name>CaseController</name>
    <message>
        <source>The action could not be saved on this computer; nothing was sent.</source>
        <translation>The action could not be saved on this computer; nothing was sent.</translation>
    </message>
    <message>
        <source>The message could not be saved on this computer and was not sent; it is still in the editor.</source>
        <translation>The message could not be saved on this computer and was not sent; it is still in the editor.</translation>
    </message>
    <message>
        <source>Case #{id}: “{what}” was not carried out ({reason}).</source>
        <translation>Case #{id}: “{what}” was not carried out ({reason}).</translation>
    </message>
    <message>
        <source>This case has left your area of responsibility (for example it was transferred); your draft is kept.</source>
        <translation>This case has left your area of responsibility (for example it was transferred); your draft is kept.</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the address and coordinates</source>
        <translation>Copy the address and coordinates</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Posted</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>Mentions</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>SILENT REPORT</source>
        <translation>SILENT REPORT</translation>
    </message>
    <message>
        <source>No receipt</source>
        <translation>No receipt</translation>
    </message>
    <message>
        <source>The reporter asked for no receipt: a public reply may put them in danger. Use internal notes unless you are sure.</source>
        <translation>The reporter asked for no receipt: a public reply may put them in danger. Use internal notes unless you are sure.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Nobody has accepted it yet</source>
        <translation>Nobody has accepted it yet</translation>
    </message>
    <message>
        <source>Officer #{id}</source>
        <translation>Officer #{id}</translation>
    </message>
    <message>
        <source> (±{m} m)</source>
        <translation> (±{m} m)</translation>
    </message>
    <message>
        <source>{who} at {time}</source>
        <translation>{who} at {time}</translation>
    </message>
    <message>
        <source>NOT YET ACKNOWLEDGED</source>
        <translation>NOT YET ACKNOWLEDGED</translation>
    </message>
    <message>
        <source>Resolved {time}</source>
        <translation>Resolved {time}</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>no deadline</source>
        <translation>no deadline</translation>
    </message>
    <message>
        <source>overdue by {t}</source>
        <translation>overdue by {t}</translation>
    </message>
    <message>
        <source>{t} left</source>
        <translation>{t} left</translation>
    </message>
    <message>
        <source>Read only: this case now belongs to {unit}. You handled it before, so you can still read it, but you can no longer act on it.</source>
        <translation>Read only: this case now belongs to {unit}. You handled it before, so you can still read it, but you can no longer act on it.</translation>
    </message>
    <message>
        <source>another unit</source>
        <translation>another unit</translation>
    </message>
</context>
<context>
    <name>CaseMapPanel</name>
    <message>
        <source>Back to the report (0)</source>
        <translation>Back to the report (0)</translation>
    </message>
    <message>
        <source>Copy coordinates</source>
        <translation>Copy coordinates</translation>
    </message>
    <message>
        <source>Nearby posts could not be loaded.</source>
        <translation>Nearby posts could not be loaded.</translation>
    </message>
    <message>
        <source>The reporter sent {n} newer location(s); the latest {age}: {where}</source>
        <translation>The reporter sent {n} newer location(s); the latest {age}: {where}</translation>
    </message>
    <message>
        <source>{n} other open posts within {r} m, {s} of them silent reports</source>
        <translation>{n} other open posts within {r} m, {s} of them silent reports</translation>
    </message>
    <message>
        <source>±{m} m</source>
        <translation>±{m} m</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Select a case in the queue to see it here.</source>
        <translation>Select a case in the queue to see it here.</translation>
    </message>
    <message>
        <source>Dismiss (Esc)</source>
        <translation>Dismiss (Esc)</translation>
    </message>
    <message>
        <source>Loading case #{id}…</source>
        <translation>Loading case #{id}…</translation>
    </message>
    <message>
        <source>Replies and notes ({n})</source>
        <translation>Replies and notes ({n})</translation>
    </message>
    <message>
        <source> · {n} unsent</source>
        <translation> · {n} unsent</translation>
    </message>
    <message>
        <source>History ({n})</source>
        <translation>History ({n})</translation>
    </message>
    <message>
        <source>Private messages ({n})</source>
        <translation>Private messages ({n})</translation>
    </message>
    <message>
        <source> · {n} unread</source>
        <translation> · {n} unread</translation>
    </message>
    <message>
        <source>Reporter&apos;s other posts</source>
        <translation>Reporter&apos;s other posts</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>Hotline</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
</context>
<context>
    <name>CityScene</name>
    <message>
        <source>Newer {n}</source>
        <translation>Newer {n}</translation>
    </message>
    <message>
        <source>Open post</source>
        <translation>Open post</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>Silent report</source>
        <translation>Silent report</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>just now</translation>
    </message>
    <message>
        <source>{name}: {n} open</source>
        <translation>{name}: {n} open</translation>
    </message>
    <message>
        <source>{t} ago</source>
        <translation>{t} ago</translation>
    </message>
    <message>
        <source>±{m} m</source>
        <translation>±{m} m</translation>
    </message>
</context>
<context>
    <name>ClipControls</name>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Play</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>Resolve “{title}”: the citizen will read this resolution</source>
        <translation>Resolve “{title}”: the citizen will read this resolution</translation>
    </message>
    <message>
        <source>Resolve (Ctrl+Enter)</source>
        <translation>Resolve (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Resolution (required), e.g. officers attended, the noise has stopped</source>
        <translation>Resolution (required), e.g. officers attended, the noise has stopped</translation>
    </message>
    <message>
        <source>Closure code (the public page shows the resolution only)</source>
        <translation>Closure code (the public page shows the resolution only)</translation>
    </message>
    <message>
        <source>Write the resolution.</source>
        <translation>Write the resolution.</translation>
    </message>
    <message>
        <source>The resolution is too long (at most {n} characters).</source>
        <translation>The resolution is too long (at most {n} characters).</translation>
    </message>
</context>
<context>
    <name>Closure</name>
    <message>
        <source>Answered (consultation)</source>
        <translation>Answered (consultation)</translation>
    </message>
    <message>
        <source>Citizen unreachable</source>
        <translation>Citizen unreachable</translation>
    </message>
    <message>
        <source>Duplicate of another case</source>
        <translation>Duplicate of another case</translation>
    </message>
    <message>
        <source>Handled offline</source>
        <translation>Handled offline</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Unfounded (the public page shows only: resolved)</source>
        <translation>Unfounded (the public page shows only: resolved)</translation>
    </message>
</context>
<context>
    <name>ConsoleApp</name>
    <message>
        <source>The certificate file set for this console cannot be read: {path}. Check it in Settings or ask IT.</source>
        <translation>The certificate file set for this console cannot be read: {path}. Check it in Settings or ask IT.</translation>
    </message>
    <message>
        <source>The local demo platform could not start. Details are in the log file.</source>
        <translation>The local demo platform could not start. Details are in the log file.</translation>
    </message>
    <message>
        <source>Sign-in failed unexpectedly. Details are in the log file.</source>
        <translation>Sign-in failed unexpectedly. Details are in the log file.</translation>
    </message>
    <message>
        <source>Your sign-in has expired or was revoked. Sign in again to continue: the open case and your draft are kept.</source>
        <translation>Your sign-in has expired or was revoked. Sign in again to continue: the open case and your draft are kept.</translation>
    </message>
</context>
<context>
    <name>ConsoleStatusBar</name>
    <message>
        <source>● Live</source>
        <translation>● Live</translation>
    </message>
    <message>
        <source>Connected to the platform; the queue updates as events arrive.</source>
        <translation>Connected to the platform; the queue updates as events arrive.</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting (attempt %n)</source>
        <translation>
            <numerusform>Reconnecting (attempt %n)</numerusform>
            <numerusform>Reconnecting (attempt %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>The live link dropped; the console keeps retrying.</source>
        <translation>The live link dropped; the console keeps retrying.</translation>
    </message>
    <message>
        <source>Offline (since {time})</source>
        <translation>Offline (since {time})</translation>
    </message>
    <message>
        <source>The platform cannot be reached. Replies and actions are kept in the outbox and sent when the link is back.</source>
        <translation>The platform cannot be reached. Replies and actions are kept in the outbox and sent when the link is back.</translation>
    </message>
    <message>
        <source>● Connected (refreshing)</source>
        <translation>● Connected (refreshing)</translation>
    </message>
    <message>
        <source>Connected; the queue is refreshed in the background.</source>
        <translation>Connected; the queue is refreshed in the background.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Outbox empty</source>
        <translation>Outbox empty</translation>
    </message>
    <message>
        <source>Every reply and action has been delivered.</source>
        <translation>Every reply and action has been delivered.</translation>
    </message>
    <message numerus="yes">
        <source>%n unsent</source>
        <translation>
            <numerusform>%n unsent</numerusform>
            <numerusform>%n unsent</numerusform>
        </translation>
    </message>
    <message>
        <source> Local demo platform </source>
        <translation> Local demo platform </translation>
    </message>
    <message>
        <source>Running against the embedded demo platform with invented data.</source>
        <translation>Running against the embedded demo platform with invented data.</translation>
    </message>
    <message>
        <source>{name} ({badge}) · {unit}</source>
        <translation>{name} ({badge}) · {unit}</translation>
    </message>
    <message>
        <source>Replies and actions waiting in the local outbox to be delivered (click to see them).</source>
        <translation>Replies and actions waiting in the local outbox to be delivered (click to see them).</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>No replies or notes yet.</source>
        <translation>No replies or notes yet.</translation>
    </message>
    <message>
        <source>Internal notes of this case are not visible to you.</source>
        <translation>Internal notes of this case are not visible to you.</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>An unexpected error occurred in Duty Console. Your unsent replies and drafts are kept and will be sent after a restart. Please restart the console; if it happens again, give this log file to IT: {path}</source>
        <translation>An unexpected error occurred in Duty Console. Your unsent replies and drafts are kept and will be sent after a restart. Please restart the console; if it happens again, give this log file to IT: {path}</translation>
    </message>
    <message>
        <source>Duty Console</source>
        <translation>Duty Console</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Coverage {c}: {r} of {p} resolved posts&apos; authors heard; {d} still due</source>
        <translation>Coverage {c}: {r} of {p} resolved posts&apos; authors heard; {d} still due</translation>
    </message>
    <message>
        <source>(no note)</source>
        <translation>(no note)</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>&gt;{a}</source>
        <translation>&gt;{a}</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Acknowledged within 15 s</source>
        <translation>Acknowledged within 15 s</translation>
    </message>
    <message>
        <source>Acknowledged within 20 s</source>
        <translation>Acknowledged within 20 s</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>Acknowledgement P90 (s)</source>
        <translation>Acknowledgement P90 (s)</translation>
    </message>
    <message>
        <source>Acknowledgement median (s)</source>
        <translation>Acknowledgement median (s)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Author reached</source>
        <translation>Author reached</translation>
    </message>
    <message>
        <source>Backlog at day end</source>
        <translation>Backlog at day end</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Badge</translation>
    </message>
    <message>
        <source>By hour (Beijing time)</source>
        <translation>By hour (Beijing time)</translation>
    </message>
    <message>
        <source>Callbacks made</source>
        <translation>Callbacks made</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>Callbacks</translation>
    </message>
    <message>
        <source>Click to see these posts</source>
        <translation>Click to see these posts</translation>
    </message>
    <message>
        <source>Closed by the deadline</source>
        <translation>Closed by the deadline</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <source>Daily volume and backlog</source>
        <translation>Daily volume and backlog</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Deadline (UTC)</source>
        <translation>Deadline (UTC)</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Dispatched to it</source>
        <translation>Dispatched to it</translation>
    </message>
    <message>
        <source>Dissatisfied at callback</source>
        <translation>Dissatisfied at callback</translation>
    </message>
    <message>
        <source>Due within 2 h</source>
        <translation>Due within 2 h</translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation>Escalations</translation>
    </message>
    <message>
        <source>Extension asked</source>
        <translation>Extension asked</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>First response time</source>
        <translation>First response time</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Hour</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Median (s)</source>
        <translation>Median (s)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>P90 (s)</source>
        <translation>P90 (s)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Posts</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <source>Previous {v}</source>
        <translation>Previous {v}</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Replies</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Resolution time</source>
        <translation>Resolution time</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Same as the previous period</source>
        <translation>Same as the previous period</translation>
    </message>
    <message>
        <source>Satisfaction distribution</source>
        <translation>Satisfaction distribution</translation>
    </message>
    <message>
        <source>Satisfied by callback</source>
        <translation>Satisfied by callback</translation>
    </message>
    <message>
        <source>Satisfied by rating</source>
        <translation>Satisfied by rating</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Satisfied: {c} by callback ({r} reached) · {s} by rating ({n} ratings)</source>
        <translation>Satisfied: {c} by callback ({r} reached) · {s} by rating ({n} ratings)</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Signed in time</source>
        <translation>Signed in time</translation>
    </message>
    <message>
        <source>Silent report acknowledgement</source>
        <translation>Silent report acknowledgement</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>Still due</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>This period</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Time (UTC)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>Unacknowledged now</source>
        <translation>Unacknowledged now</translation>
    </message>
    <message>
        <source>Unit ranking</source>
        <translation>Unit ranking</translation>
    </message>
    <message>
        <source>Unit workload</source>
        <translation>Unit workload</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Units: promises kept</source>
        <translation>Units: promises kept</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Unreachable</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>due in {d}</source>
        <translation>due in {d}</translation>
    </message>
    <message>
        <source>of</source>
        <translation>of</translation>
    </message>
    <message>
        <source>overdue {d}</source>
        <translation>overdue {d}</translation>
    </message>
    <message>
        <source>{arrow}{d} vs previous</source>
        <translation>{arrow}{d} vs previous</translation>
    </message>
    <message>
        <source>{n} points</source>
        <translation>{n} points</translation>
    </message>
    <message>
        <source>{u} units, {d} dispatches in the period; double-click a unit for its queue</source>
        <translation>{u} units, {d} dispatches in the period; double-click a unit for its queue</translation>
    </message>
    <message>
        <source>≤{a}</source>
        <translation>≤{a}</translation>
    </message>
    <message>
        <source>Workload dashboard</source>
        <translation>Workload dashboard</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>This shift</source>
        <translation>This shift</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Export ▾</source>
        <translation>Export ▾</translation>
    </message>
    <message>
        <source>Export image (PNG)…</source>
        <translation>Export image (PNG)…</translation>
    </message>
    <message>
        <source>Export data (CSV)…</source>
        <translation>Export data (CSV)…</translation>
    </message>
    <message>
        <source>Wall display</source>
        <translation>Wall display</translation>
    </message>
    <message>
        <source>Not loaded yet</source>
        <translation>Not loaded yet</translation>
    </message>
    <message>
        <source>Updated {t}</source>
        <translation>Updated {t}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Silent reports unacknowledged</source>
        <translation>Silent reports unacknowledged</translation>
    </message>
    <message>
        <source>Median first response</source>
        <translation>Median first response</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Resolved within 24 h</source>
        <translation>Resolved within 24 h</translation>
    </message>
    <message>
        <source>Resolved on time</source>
        <translation>Resolved on time</translation>
    </message>
    <message>
        <source>Officer workload</source>
        <translation>Officer workload</translation>
    </message>
    <message>
        <source>Volume and backlog</source>
        <translation>Volume and backlog</translation>
    </message>
    <message>
        <source>Overdue and due soon</source>
        <translation>Overdue and due soon</translation>
    </message>
    <message>
        <source>First response times</source>
        <translation>First response times</translation>
    </message>
    <message>
        <source>Resolution times</source>
        <translation>Resolution times</translation>
    </message>
    <message>
        <source>Silent report acknowledgement times</source>
        <translation>Silent report acknowledgement times</translation>
    </message>
    <message>
        <source>Citizen satisfaction</source>
        <translation>Citizen satisfaction</translation>
    </message>
    <message>
        <source>Unsatisfied ratings</source>
        <translation>Unsatisfied ratings</translation>
    </message>
    <message>
        <source>Myself</source>
        <translation>Myself</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>Check the network and try again.</source>
        <translation>Check the network and try again.</translation>
    </message>
    <message>
        <source>Not all figures could be loaded: {m}</source>
        <translation>Not all figures could be loaded: {m}</translation>
    </message>
    <message>
        <source>Leave wall display</source>
        <translation>Leave wall display</translation>
    </message>
    <message>
        <source>Open posts by district</source>
        <translation>Open posts by district</translation>
    </message>
    <message>
        <source>Open posts per district could not be loaded.</source>
        <translation>Open posts per district could not be loaded.</translation>
    </message>
    <message>
        <source>{n} open posts located, {s} of them silent reports; {u} without a location</source>
        <translation>{n} open posts located, {s} of them silent reports; {u} without a location</translation>
    </message>
    <message>
        <source>(no words)</source>
        <translation>(no words)</translation>
    </message>
    <message>
        <source>Answer all…</source>
        <translation>Answer all…</translation>
    </message>
    <message>
        <source>Hotspots could not be loaded.</source>
        <translation>Hotspots could not be loaded.</translation>
    </message>
    <message>
        <source>Hotspots</source>
        <translation>Hotspots</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>No hotspot: no district has more alike posts than usual.</source>
        <translation>No hotspot: no district has more alike posts than usual.</translation>
    </message>
    <message>
        <source>Open all posts</source>
        <translation>Open all posts</translation>
    </message>
    <message>
        <source>unit {id}</source>
        <translation>unit {id}</translation>
    </message>
    <message>
        <source>{n} active: many alike posts in one district, more than usual.</source>
        <translation>{n} active: many alike posts in one district, more than usual.</translation>
    </message>
    <message>
        <source>{words} · {where} · {n} posts in {m} min (usually {b:g}) · since {t}</source>
        <translation>{words} · {where} · {n} posts in {m} min (usually {b:g}) · since {t}</translation>
    </message>
</context>
<context>
    <name>DashboardExport</name>
    <message>
        <source>Export image</source>
        <translation>Export image</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>Export data</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV table (*.csv)</translation>
    </message>
    <message>
        <source>The export failed; try another location.</source>
        <translation>The export failed; try another location.</translation>
    </message>
</context>
<context>
    <name>DecideDialog</name>
    <message>
        <source>Approve the extension</source>
        <translation>Approve the extension</translation>
    </message>
    <message>
        <source>Reject the extension</source>
        <translation>Reject the extension</translation>
    </message>
    <message>
        <source>Approve (Enter)</source>
        <translation>Approve (Enter)</translation>
    </message>
    <message>
        <source>Reject (Enter)</source>
        <translation>Reject (Enter)</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>Comment (optional)</translation>
    </message>
    <message>
        <source>Comment (required)</source>
        <translation>Comment (required)</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Say why the extension is rejected.</source>
        <translation>Say why the extension is rejected.</translation>
    </message>
</context>
<context>
    <name>Drafts</name>
    <message>
        <source>Drafts cannot be saved on this computer; keep this window open.</source>
        <translation>Drafts cannot be saved on this computer; keep this window open.</translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <source>Likely duplicates ({n})</source>
        <translation>Likely duplicates ({n})</translation>
    </message>
    <message>
        <source>Likely duplicates could not be loaded: {why}</source>
        <translation>Likely duplicates could not be loaded: {why}</translation>
    </message>
    <message>
        <source>Likely duplicates</source>
        <translation>Likely duplicates</translation>
    </message>
    <message>
        <source>Looking for likely duplicates…</source>
        <translation>Looking for likely duplicates…</translation>
    </message>
    <message>
        <source>Merge into this post</source>
        <translation>Merge into this post</translation>
    </message>
    <message>
        <source>No likely duplicates.</source>
        <translation>No likely duplicates.</translation>
    </message>
    <message>
        <source>Open the master post</source>
        <translation>Open the master post</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>The selected post becomes a duplicate of this one: its author follows this case</source>
        <translation>The selected post becomes a duplicate of this one: its author follows this case</translation>
    </message>
    <message>
        <source>This post is merged as a duplicate into #{id}.</source>
        <translation>This post is merged as a duplicate into #{id}.</translation>
    </message>
    <message>
        <source>Unmerge</source>
        <translation>Unmerge</translation>
    </message>
    <message>
        <source>{n} likely duplicates, most likely first.</source>
        <translation>{n} likely duplicates, most likely first.</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>{d}d {h}h</source>
        <translation>{d}d {h}h</translation>
    </message>
    <message>
        <source>{h}h {m}m</source>
        <translation>{h}h {m}m</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m} min {s} s</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} d</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <source>{n}:00</source>
        <translation>{n}:00</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
</context>
<context>
    <name>EarlierPosts</name>
    <message>
        <source>The reporter&apos;s other posts could not be loaded.</source>
        <translation>The reporter&apos;s other posts could not be loaded.</translation>
    </message>
    <message>
        <source>No other posts by this reporter that you may read.</source>
        <translation>No other posts by this reporter that you may read.</translation>
    </message>
</context>
<context>
    <name>EmptyCasePane</name>
    <message>
        <source>Select a case in the queue and press Enter to open it.
Press F1 for every keyboard shortcut.</source>
        <translation>Select a case in the queue and press Enter to open it.
Press F1 for every keyboard shortcut.</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <source>Ask for an extension</source>
        <translation>Ask for an extension</translation>
    </message>
    <message>
        <source>A later deadline for “{title}”: a leader decides</source>
        <translation>A later deadline for “{title}”: a leader decides</translation>
    </message>
    <message>
        <source>Ask (Enter)</source>
        <translation>Ask (Enter)</translation>
    </message>
    <message>
        <source>New deadline (Beijing time)</source>
        <translation>New deadline (Beijing time)</translation>
    </message>
    <message>
        <source>Reason (required), e.g. waiting for the housing bureau&apos;s survey</source>
        <translation>Reason (required), e.g. waiting for the housing bureau&apos;s survey</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>The new deadline must be later than the current one.</source>
        <translation>The new deadline must be later than the current one.</translation>
    </message>
    <message>
        <source>Give a reason for the extension.</source>
        <translation>Give a reason for the extension.</translation>
    </message>
</context>
<context>
    <name>FigureDrawing</name>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Open, on time</source>
        <translation>Open, on time</translation>
    </message>
    <message>
        <source>Resolved this period</source>
        <translation>Resolved this period</translation>
    </message>
    <message>
        <source>Most overdue first, top {n} of {m}; click a bar to open those posts</source>
        <translation>Most overdue first, top {n} of {m}; click a bar to open those posts</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Posts</translation>
    </message>
    <message>
        <source>Today by hour (Beijing time), {n} in total</source>
        <translation>Today by hour (Beijing time), {n} in total</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Backlog at day end</source>
        <translation>Backlog at day end</translation>
    </message>
    <message>
        <source>{n} in total; the line is the posts still open at each day&apos;s end</source>
        <translation>{n} in total; the line is the posts still open at each day&apos;s end</translation>
    </message>
    <message>
        <source>Within target</source>
        <translation>Within target</translation>
    </message>
    <message>
        <source>Over target</source>
        <translation>Over target</translation>
    </message>
    <message>
        <source>Target {t}</source>
        <translation>Target {t}</translation>
    </message>
    <message>
        <source>Median {m} · P90 {p} · {n} posts</source>
        <translation>Median {m} · P90 {p} · {n} posts</translation>
    </message>
    <message>
        <source>{o} overdue · {s} due within 2 h · resolved on time {c}</source>
        <translation>{o} overdue · {s} due within 2 h · resolved on time {c}</translation>
    </message>
    <message>
        <source>{n}★</source>
        <translation>{n}★</translation>
    </message>
    <message>
        <source>Average {a} · {n} ratings · unsatisfied {u}</source>
        <translation>Average {a} · {n} ratings · unsatisfied {u}</translation>
    </message>
    <message>
        <source>(no comment)</source>
        <translation>(no comment)</translation>
    </message>
    <message>
        <source>{n} ratings of 1–2 stars (newest first)</source>
        <translation>{n} ratings of 1–2 stars (newest first)</translation>
    </message>
    <message>
        <source>Within 15 s</source>
        <translation>Within 15 s</translation>
    </message>
    <message>
        <source>Over 15 s</source>
        <translation>Over 15 s</translation>
    </message>
    <message>
        <source>15 s</source>
        <translation>15 s</translation>
    </message>
    <message>
        <source>{n} reports · within 15 s {a} (standard 90%) · within 20 s {b} (standard 95%) · {e} escalations</source>
        <translation>{n} reports · within 15 s {a} (standard 90%) · within 20 s {b} (standard 95%) · {e} escalations</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Mine</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>My unit</source>
        <translation>My unit</translation>
    </message>
    <message>
        <source>All visible</source>
        <translation>All visible</translation>
    </message>
    <message>
        <source>All boards</source>
        <translation>All boards</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Deadline first</source>
        <translation>Deadline first</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Newest first</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Oldest first</translation>
    </message>
    <message>
        <source>Recently updated</source>
        <translation>Recently updated</translation>
    </message>
    <message>
        <source>Sort order (done by the platform)</source>
        <translation>Sort order (done by the platform)</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Views</translation>
    </message>
    <message>
        <source>Dashboard filter: click to remove it</source>
        <translation>Dashboard filter: click to remove it</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>Sort</translation>
    </message>
    <message>
        <source>Officer: {name}</source>
        <translation>Officer: {name}</translation>
    </message>
    <message>
        <source>Unit: {name}</source>
        <translation>Unit: {name}</translation>
    </message>
    <message>
        <source>Save current filters as a view…</source>
        <translation>Save current filters as a view…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>Delete view</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Save view</translation>
    </message>
    <message>
        <source>Name of this view (e.g. Night shift, overdue):</source>
        <translation>Name of this view (e.g. Night shift, overdue):</translation>
    </message>
    <message>
        <source>Search text, #case number or phone ({key})</source>
        <translation>Search text, #case number or phone ({key})</translation>
    </message>
    <message>
        <source>District: {name}</source>
        <translation>District: {name}</translation>
    </message>
    <message>
        <source>{n} chosen posts</source>
        <translation>{n} chosen posts</translation>
    </message>
</context>
<context>
    <name>HotspotReplyDialog</name>
    <message>
        <source>Answer {n} posts together</source>
        <translation>Answer {n} posts together</translation>
    </message>
    <message>
        <source>The same text goes to each of these posts as its own reply; each author sees only the reply to their own post. Words: {words}</source>
        <translation>The same text goes to each of these posts as its own reply; each author sees only the reply to their own post. Words: {words}</translation>
    </message>
    <message>
        <source>(no template)</source>
        <translation>(no template)</translation>
    </message>
    <message>
        <source>The reply every author will read</source>
        <translation>The reply every author will read</translation>
    </message>
    <message>
        <source>Send to all</source>
        <translation>Send to all</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Write the reply first.</source>
        <translation>Write the reply first.</translation>
    </message>
    <message>
        <source>Could not be kept on this computer: {e}</source>
        <translation>Could not be kept on this computer: {e}</translation>
    </message>
    <message>
        <source>The platform refused it.</source>
        <translation>The platform refused it.</translation>
    </message>
    <message>
        <source>not sent yet</source>
        <translation>not sent yet</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>sending…</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>#{id}: {state}</source>
        <translation>#{id}: {state}</translation>
    </message>
    <message>
        <source>{sent} of {n} sent, {failed} failed, {sending} on the way.</source>
        <translation>{sent} of {n} sent, {failed} failed, {sending} on the way.</translation>
    </message>
    <message>
        <source>Send again to the failed</source>
        <translation>Send again to the failed</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Wheel or Ctrl+plus/minus to zoom · Ctrl+0 fit · Ctrl+1 actual size · Esc close</source>
        <translation>Wheel or Ctrl+plus/minus to zoom · Ctrl+0 fit · Ctrl+1 actual size · Esc close</translation>
    </message>
    <message>
        <source>Attachment: {name}</source>
        <translation>Attachment: {name}</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>Record a call, SMS, letter or visit</source>
        <translation>Record a call, SMS, letter or visit</translation>
    </message>
    <message>
        <source>The caller&apos;s name</source>
        <translation>The caller&apos;s name</translation>
    </message>
    <message>
        <source>Digits only, e.g. 13812345678</source>
        <translation>Digits only, e.g. 13812345678</translation>
    </message>
    <message>
        <source>In a few words, e.g. neighbour&apos;s dog barks all night</source>
        <translation>In a few words, e.g. neighbour&apos;s dog barks all night</translation>
    </message>
    <message>
        <source>What the citizen says (Ctrl+Enter records).</source>
        <translation>What the citizen says (Ctrl+Enter records).</translation>
    </message>
    <message>
        <source>As the caller says it, e.g. the crossing of Jiefang Road and Renmin Road</source>
        <translation>As the caller says it, e.g. the crossing of Jiefang Road and Renmin Road</translation>
    </message>
    <message>
        <source>Latitude, longitude — or F4 to mark it on the map</source>
        <translation>Latitude, longitude — or F4 to mark it on the map</translation>
    </message>
    <message>
        <source>Map… (F4)</source>
        <translation>Map… (F4)</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Point</translation>
    </message>
    <message>
        <source>Record (Enter)</source>
        <translation>Record (Enter)</translation>
    </message>
    <message>
        <source>Tab: next field · Enter: record · Esc: cancel</source>
        <translation>Tab: next field · Enter: record · Esc: cancel</translation>
    </message>
    <message>
        <source>Enter the citizen&apos;s name.</source>
        <translation>Enter the citizen&apos;s name.</translation>
    </message>
    <message>
        <source>The phone number should be 5 to 15 digits.</source>
        <translation>The phone number should be 5 to 15 digits.</translation>
    </message>
    <message>
        <source>Choose a board.</source>
        <translation>Choose a board.</translation>
    </message>
    <message>
        <source>Enter a title.</source>
        <translation>Enter a title.</translation>
    </message>
    <message>
        <source>Write down what the citizen says.</source>
        <translation>Write down what the citizen says.</translation>
    </message>
    <message>
        <source>The point should be latitude, longitude, e.g. 36.0712, 118.3521.</source>
        <translation>The point should be latitude, longitude, e.g. 36.0712, 118.3521.</translation>
    </message>
    <message>
        <source>Mark the address on the map (F4) or type its coordinates; the platform keeps a place only with its point. Or clear the address.</source>
        <translation>Mark the address on the map (F4) or type its coordinates; the platform keeps a place only with its point. Or clear the address.</translation>
    </message>
    <message>
        <source>Discard this record?</source>
        <translation>Discard this record?</translation>
    </message>
    <message>
        <source>Discard what you have typed for this record?</source>
        <translation>Discard what you have typed for this record?</translation>
    </message>
</context>
<context>
    <name>LeaderWorklist</name>
    <message>
        <source>Leaders&apos; worklist</source>
        <translation>Leaders&apos; worklist</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>Asked by</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Unit / case</source>
        <translation>Unit / case</translation>
    </message>
    <message>
        <source>Overdue by</source>
        <translation>Overdue by</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>Approve (A)</source>
        <translation>Approve (A)</translation>
    </message>
    <message>
        <source>Reject (R)</source>
        <translation>Reject (R)</translation>
    </message>
    <message>
        <source>Enter opens the case · A approve · R reject · F5 reload · Esc close</source>
        <translation>Enter opens the case · A approve · R reject · F5 reload · Esc close</translation>
    </message>
    <message>
        <source>Updated {t}</source>
        <translation>Updated {t}</translation>
    </message>
    <message>
        <source>Extensions waiting ({n})</source>
        <translation>Extensions waiting ({n})</translation>
    </message>
    <message>
        <source>Supervision ({n})</source>
        <translation>Supervision ({n})</translation>
    </message>
    <message>
        <source>Overdue dispatches ({n})</source>
        <translation>Overdue dispatches ({n})</translation>
    </message>
    <message>
        <source>Case {case} asks until {until}: {reason}</source>
        <translation>Case {case} asks until {until}: {reason}</translation>
    </message>
    <message>
        <source>The decision could not be saved on this computer.</source>
        <translation>The decision could not be saved on this computer.</translation>
    </message>
    <message>
        <source>Leaders&apos; worklist (Ctrl+J)</source>
        <translation>Leaders&apos; worklist (Ctrl+J)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Duty Console — sign in</source>
        <translation>Duty Console — sign in</translation>
    </message>
    <message>
        <source>Duty Console</source>
        <translation>Duty Console</translation>
    </message>
    <message>
        <source>Online police platform · duty officer workstation</source>
        <translation>Online police platform · duty officer workstation</translation>
    </message>
    <message>
        <source>e.g. 010001</source>
        <translation>e.g. 010001</translation>
    </message>
    <message>
        <source>Remember me on this workstation</source>
        <translation>Remember me on this workstation</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Badge number</source>
        <translation>Badge number</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <source>Local demo platform: invented data on this computer only. The demo officer is filled in; press Sign in.</source>
        <translation>Local demo platform: invented data on this computer only. The demo officer is filled in; press Sign in.</translation>
    </message>
    <message>
        <source>This computer has no usable system keyring, so the console cannot remember your sign-in: you will be asked for your password each time.</source>
        <translation>This computer has no usable system keyring, so the console cannot remember your sign-in: you will be asked for your password each time.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Local demo platform: starting (about a minute the first time)…</source>
        <translation>Local demo platform: starting (about a minute the first time)…</translation>
    </message>
    <message>
        <source>Duty Console — sign in again</source>
        <translation>Duty Console — sign in again</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>Enter the platform address.</source>
        <translation>Enter the platform address.</translation>
    </message>
    <message>
        <source>Enter your badge number.</source>
        <translation>Enter your badge number.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. You can try again in {n} s.</source>
        <translation>Too many failed sign-ins. You can try again in {n} s.</translation>
    </message>
    <message>
        <source>You can try to sign in again now.</source>
        <translation>You can try to sign in again now.</translation>
    </message>
    <message>
        <source>Quit the Duty Console? Until someone signs in again, no silent-report alarm sounds at this workstation.</source>
        <translation>Quit the Duty Console? Until someone signs in again, no silent-report alarm sounds at this workstation.</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Stay</translation>
    </message>
</context>
<context>
    <name>LoopPanel</name>
    <message>
        <source>Extension…</source>
        <translation>Extension…</translation>
    </message>
    <message>
        <source>Lead unit: {unit}</source>
        <translation>Lead unit: {unit}</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>Sign deadline: {time}</source>
        <translation>Sign deadline: {time}</translation>
    </message>
    <message>
        <source>Sign for</source>
        <translation>Sign for</translation>
    </message>
    <message>
        <source>Supervise…</source>
        <translation>Supervise…</translation>
    </message>
    <message>
        <source>The step could not be saved on this computer; nothing was sent.</source>
        <translation>The step could not be saved on this computer; nothing was sent.</translation>
    </message>
    <message>
        <source>Urge…</source>
        <translation>Urge…</translation>
    </message>
    <message>
        <source>assisting: {units}</source>
        <translation>assisting: {units}</translation>
    </message>
    <message>
        <source>not signed for yet</source>
        <translation>not signed for yet</translation>
    </message>
    <message>
        <source>sign deadline passed {t} ago</source>
        <translation>sign deadline passed {t} ago</translation>
    </message>
    <message>
        <source>signed for by {who} at {time}</source>
        <translation>signed for by {who} at {time}</translation>
    </message>
    <message>
        <source>{t} left to sign for it</source>
        <translation>{t} left to sign for it</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>&amp;Console</source>
        <translation>&amp;Console</translation>
    </message>
    <message>
        <source>Refresh queue</source>
        <translation>Refresh queue</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark (night shift)</source>
        <translation>Dark (night shift)</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Queue</translation>
    </message>
    <message>
        <source>Open selected case</source>
        <translation>Open selected case</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Back to the queue</source>
        <translation>Back to the queue</translation>
    </message>
    <message>
        <source>Record a call, SMS, letter or visit…</source>
        <translation>Record a call, SMS, letter or visit…</translation>
    </message>
    <message>
        <source>Show mine</source>
        <translation>Show mine</translation>
    </message>
    <message>
        <source>Show my unit</source>
        <translation>Show my unit</translation>
    </message>
    <message>
        <source>Show all visible</source>
        <translation>Show all visible</translation>
    </message>
    <message>
        <source>C&amp;ase</source>
        <translation>C&amp;ase</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Callbacks due…</source>
        <translation>Callbacks due…</translation>
    </message>
    <message>
        <source>Notices…</source>
        <translation>Notices…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>About Duty Console</source>
        <translation>About Duty Console</translation>
    </message>
    <message>
        <source>The new language applies the next time the console starts.</source>
        <translation>The new language applies the next time the console starts.</translation>
    </message>
    <message>
        <source>{name} ({badge}) · {unit}</source>
        <translation>{name} ({badge}) · {unit}</translation>
    </message>
    <message>
        <source>Duty Console</source>
        <translation>Duty Console</translation>
    </message>
    <message>
        <source>Local demo platform</source>
        <translation>Local demo platform</translation>
    </message>
    <message>
        <source>Go to case number…</source>
        <translation>Go to case number…</translation>
    </message>
    <message>
        <source>Outbox…</source>
        <translation>Outbox…</translation>
    </message>
    <message>
        <source>Quit the Duty Console? Until it runs again, no silent-report alarm sounds at this workstation.</source>
        <translation>Quit the Duty Console? Until it runs again, no silent-report alarm sounds at this workstation.</translation>
    </message>
    <message>
        <source>Sign out? Until someone signs in again, no silent-report alarm sounds at this workstation.</source>
        <translation>Sign out? Until someone signs in again, no silent-report alarm sounds at this workstation.</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Stay</translation>
    </message>
</context>
<context>
    <name>MessageCard</name>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>✓ Sent</source>
        <translation>✓ Sent</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Waiting to resend ({reason})</source>
        <translation>Waiting to resend ({reason})</translation>
    </message>
    <message>
        <source>Failed ({reason})</source>
        <translation>Failed ({reason})</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Discarded</translation>
    </message>
</context>
<context>
    <name>NoticesWindow</name>
    <message>
        <source>Notices</source>
        <translation>Notices</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>Pinned (shown first)</source>
        <translation>Pinned (shown first)</translation>
    </message>
    <message>
        <source>Publish later at</source>
        <translation>Publish later at</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>Area of</source>
        <translation>Area of</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation>Templates…</translation>
    </message>
    <message>
        <source>scheduled {time}</source>
        <translation>scheduled {time}</translation>
    </message>
    <message>
        <source>A notice needs a title and a text.</source>
        <translation>A notice needs a title and a text.</translation>
    </message>
    <message>
        <source>Personal data in a notice</source>
        <translation>Personal data in a notice</translation>
    </message>
    <message>
        <source>This notice contains personal data:

{lines}

Everyone will be able to read it. Publish it anyway?</source>
        <translation>This notice contains personal data:

{lines}

Everyone will be able to read it. Publish it anyway?</translation>
    </message>
    <message>
        <source>Publish anyway</source>
        <translation>Publish anyway</translation>
    </message>
    <message>
        <source>Published: {title}</source>
        <translation>Published: {title}</translation>
    </message>
    <message>
        <source>Contact numbers</source>
        <translation>Contact numbers</translation>
    </message>
    <message>
        <source>Legal publicity</source>
        <translation>Legal publicity</translation>
    </message>
    <message>
        <source>Prevention tip</source>
        <translation>Prevention tip</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <source>Rumour rebuttal</source>
        <translation>Rumour rebuttal</translation>
    </message>
</context>
<context>
    <name>Officer</name>
    <message>
        <source>{name} ({badge})</source>
        <translation>{name} ({badge})</translation>
    </message>
</context>
<context>
    <name>OfflineStrip</name>
    <message>
        <source>No connection to the platform since {time}: the queue and the case show what was known then and may be out of date. The console reconnects by itself.</source>
        <translation>No connection to the platform since {time}: the queue and the case show what was known then and may be out of date. The console reconnects by itself.</translation>
    </message>
    <message numerus="yes">
        <source>Waiting in your outbox, sent when the link is back: %n reply/action(s).</source>
        <translation>
            <numerusform>Waiting in your outbox, sent when the link is back: %n reply or action.</numerusform>
            <numerusform>Waiting in your outbox, sent when the link is back: %n replies and actions.</numerusform>
        </translation>
    </message>
    <message>
        <source>Outbox ({n})…</source>
        <translation>Outbox ({n})…</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <source>Outbox</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <source>Replies and actions you made that the platform has not received yet. They are sent in order as soon as it can be reached; a failed one waits for you.</source>
        <translation>Replies and actions you made that the platform has not received yet. They are sent in order as soon as it can be reached; a failed one waits for you.</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Tries</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Nothing waits: everything has been delivered.</source>
        <translation>Nothing waits: everything has been delivered.</translation>
    </message>
    <message>
        <source>Send again now</source>
        <translation>Send again now</translation>
    </message>
    <message>
        <source>Cancel this item</source>
        <translation>Cancel this item</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
</context>
<context>
    <name>OutboxSender</name>
    <message>
        <source>An unexpected error occurred while sending (it is in the log); retry or contact the administrator.</source>
        <translation>An unexpected error occurred while sending (it is in the log); retry or contact the administrator.</translation>
    </message>
</context>
<context>
    <name>PlacePicker</name>
    <message>
        <source>Place on the map</source>
        <translation>Place on the map</translation>
    </message>
    <message>
        <source>Click the place, or move the cross with the arrow keys (+/- zoom) and press Space. Enter takes the point, Esc leaves without one.</source>
        <translation>Click the place, or move the cross with the arrow keys (+/- zoom) and press Space. Enter takes the point, Esc leaves without one.</translation>
    </message>
    <message>
        <source>No point marked yet.</source>
        <translation>No point marked yet.</translation>
    </message>
    <message>
        <source>Take this point (Enter)</source>
        <translation>Take this point (Enter)</translation>
    </message>
    <message>
        <source>{coordinates} · in the district of {station}</source>
        <translation>{coordinates} · in the district of {station}</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <source>1 Urgent</source>
        <translation>1 Urgent</translation>
    </message>
    <message>
        <source>2 Pressing</source>
        <translation>2 Pressing</translation>
    </message>
    <message>
        <source>3 Normal</source>
        <translation>3 Normal</translation>
    </message>
    <message>
        <source>4 Low</source>
        <translation>4 Low</translation>
    </message>
</context>
<context>
    <name>PrivateMessages</name>
    <message>
        <source>Are you safe now? Can you reply by text?</source>
        <translation>Are you safe now? Can you reply by text?</translation>
    </message>
    <message>
        <source>Ask:</source>
        <translation>Ask:</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>Failed ({reason})</source>
        <translation>Failed ({reason})</translation>
    </message>
    <message>
        <source>How many of them are there? Do they have weapons?</source>
        <translation>How many of them are there? Do they have weapons?</translation>
    </message>
    <message>
        <source>How many?</source>
        <translation>How many?</translation>
    </message>
    <message>
        <source>No private messages yet. Only the author would read them.</source>
        <translation>No private messages yet. Only the author would read them.</translation>
    </message>
    <message>
        <source>No receipt: nothing is pushed; the reporter sees your messages on opening the report.</source>
        <translation>No receipt: nothing is pushed; the reporter sees your messages on opening the report.</translation>
    </message>
    <message>
        <source>Not read yet</source>
        <translation>Not read yet</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Police are on the way. Keep your phone silent and stay hidden.</source>
        <translation>Police are on the way. Keep your phone silent and stay hidden.</translation>
    </message>
    <message>
        <source>Private message · only the author reads it, never the public</source>
        <translation>Private message · only the author reads it, never the public</translation>
    </message>
    <message>
        <source>Read by the citizen</source>
        <translation>Read by the citizen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Safe?</source>
        <translation>Safe?</translation>
    </message>
    <message>
        <source>Send private message (Ctrl+Enter)</source>
        <translation>Send private message (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Stay quiet</source>
        <translation>Stay quiet</translation>
    </message>
    <message>
        <source>The private messages of this case are not visible to you.</source>
        <translation>The private messages of this case are not visible to you.</translation>
    </message>
    <message>
        <source>This console</source>
        <translation>This console</translation>
    </message>
    <message>
        <source>This post was recorded by an officer; the citizen has no account and cannot receive private messages. Phone them on the recorded number.</source>
        <translation>This post was recorded by an officer; the citizen has no account and cannot receive private messages. Phone them on the recorded number.</translation>
    </message>
    <message>
        <source>Where exactly are you: which building, which floor, what vehicle?</source>
        <translation>Where exactly are you: which building, which floor, what vehicle?</translation>
    </message>
    <message>
        <source>Where?</source>
        <translation>Where?</translation>
    </message>
</context>
<context>
    <name>PrivateSender</name>
    <message>
        <source>The private message could not be saved on this computer and was not sent; it is still in the composer.</source>
        <translation>The private message could not be saved on this computer and was not sent; it is still in the composer.</translation>
    </message>
</context>
<context>
    <name>QtClipPlayer</name>
    <message>
        <source>The recording cannot be played (audio device or file format problem).</source>
        <translation>The recording cannot be played (audio device or file format problem).</translation>
    </message>
</context>
<context>
    <name>QtSoundPlayer</name>
    <message>
        <source>No audio output device found</source>
        <translation>No audio output device found</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Sound files missing: {names}</source>
        <translation>Sound files missing: {names}</translation>
    </message>
    <message>
        <source>silent-report alarm</source>
        <translation>silent-report alarm</translation>
    </message>
    <message>
        <source>escalation alarm</source>
        <translation>escalation alarm</translation>
    </message>
    <message>
        <source>new-post chime</source>
        <translation>new-post chime</translation>
    </message>
    <message>
        <source>link-lost tone</source>
        <translation>link-lost tone</translation>
    </message>
    <message>
        <source>The {name} sound cannot be played; check the sound files and the output</source>
        <translation>The {name} sound cannot be played; check the sound files and the output</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <source>Deadline: {time}</source>
        <translation>Deadline: {time}</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Silent report</source>
        <translation>Silent report</translation>
    </message>
    <message>
        <source>Silent report, acknowledged by {name}</source>
        <translation>Silent report, acknowledged by {name}</translation>
    </message>
    <message>
        <source>Silent report, not yet acknowledged</source>
        <translation>Silent report, not yet acknowledged</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>late {t}</source>
        <translation>late {t}</translation>
    </message>
    <message>
        <source>{n} private answers from the citizen not read yet

</source>
        <translation>{n} private answers from the citizen not read yet

</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>%n working day(s)</source>
        <translation>%n working day(s)</translation>
    </message>
</context>
<context>
    <name>QueueSigning</name>
    <message>
        <source>Dispatched to your unit: sign for it (S in the case)</source>
        <translation>Dispatched to your unit: sign for it (S in the case)</translation>
    </message>
    <message>
        <source>Dispatched to your unit: sign for it by {time} (S in the case)</source>
        <translation>Dispatched to your unit: sign for it by {time} (S in the case)</translation>
    </message>
    <message>
        <source>[sign overdue]</source>
        <translation>[sign overdue]</translation>
    </message>
    <message>
        <source>[to sign]</source>
        <translation>[to sign]</translation>
    </message>
    <message>
        <source>sign late {t}</source>
        <translation>sign late {t}</translation>
    </message>
    <message>
        <source>sign {t}</source>
        <translation>sign {t}</translation>
    </message>
    <message>
        <source>to sign</source>
        <translation>to sign</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Loading the queue…</source>
        <translation>Loading the queue…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>No posts match these filters.</source>
        <translation>No posts match these filters.</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>Not loaded</translation>
    </message>
    <message numerus="yes">
        <source>%n+ post(s), more load as you scroll</source>
        <translation>
            <numerusform>%n+ post(s), more load as you scroll</numerusform>
            <numerusform>%n+ post(s), more load as you scroll</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n post(s)</source>
        <translation>
            <numerusform>%n post(s)</numerusform>
            <numerusform>%n post(s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReceiptWarning</name>
    <message>
        <source>The reporter asked for no receipt</source>
        <translation>The reporter asked for no receipt</translation>
    </message>
    <message>
        <source>The reporter of this silent report asked for NO receipt. A public reply can reach their phone and be seen by the person they are hiding from: it may put them in danger.</source>
        <translation>The reporter of this silent report asked for NO receipt. A public reply can reach their phone and be seen by the person they are hiding from: it may put them in danger.</translation>
    </message>
    <message>
        <source>Write an internal note instead (Ctrl+2). Send the public reply only if you are sure the reporter is safe.</source>
        <translation>Write an internal note instead (Ctrl+2). Send the public reply only if you are sure the reporter is safe.</translation>
    </message>
    <message>
        <source>Send public reply anyway</source>
        <translation>Send public reply anyway</translation>
    </message>
    <message>
        <source>Do not send</source>
        <translation>Do not send</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <source>Outside your unit&apos;s responsibility: you can read it, not handle it</source>
        <translation>Outside your unit&apos;s responsibility: you can read it, not handle it</translation>
    </message>
    <message>
        <source>.</source>
        <translation>.</translation>
    </message>
    <message>
        <source>Another officer</source>
        <translation>Another officer</translation>
    </message>
    <message>
        <source>Assisting: sign, then note your part</source>
        <translation>Assisting: sign, then note your part</translation>
    </message>
    <message>
        <source>Held by {who}</source>
        <translation>Held by {who}</translation>
    </message>
    <message>
        <source>This post changed while you were looking at it, so your “{what}” was not carried out; the page has been refreshed and your draft is kept.</source>
        <translation>This post changed while you were looking at it, so your “{what}” was not carried out; the page has been refreshed and your draft is kept.</translation>
    </message>
    <message>
        <source>another officer</source>
        <translation>another officer</translation>
    </message>
    <message>
        <source>{who} accepted this post first; the page has been refreshed and your draft is kept.</source>
        <translation>{who} accepted this post first; the page has been refreshed and your draft is kept.</translation>
    </message>
    <message>
        <source>{who} already acknowledged this silent report; the page has been refreshed and your draft is kept.</source>
        <translation>{who} already acknowledged this silent report; the page has been refreshed and your draft is kept.</translation>
    </message>
    <message>
        <source>{who} has just done “{did}” on this post, so your “{what}” was not carried out; the page has been refreshed and your draft is kept.</source>
        <translation>{who} has just done “{did}” on this post, so your “{what}” was not carried out; the page has been refreshed and your draft is kept.</translation>
    </message>
    <message>
        <source>“{what}” was not carried out: {reason} Your draft is kept.</source>
        <translation>“{what}” was not carried out: {reason} Your draft is kept.</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>Reopen “{title}”: it goes back to in progress</source>
        <translation>Reopen “{title}”: it goes back to in progress</translation>
    </message>
    <message>
        <source>Reopen (Ctrl+Enter)</source>
        <translation>Reopen (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Reason (optional), e.g. the citizen says the problem is not solved</source>
        <translation>Reason (optional), e.g. the citizen says the problem is not solved</translation>
    </message>
    <message>
        <source>The reason is too long (at most {n} characters).</source>
        <translation>The reason is too long (at most {n} characters).</translation>
    </message>
</context>
<context>
    <name>ReplyEditor</name>
    <message>
        <source>Public reply</source>
        <translation>Public reply</translation>
    </message>
    <message>
        <source>The citizen and the public see it (Ctrl+1)</source>
        <translation>The citizen and the public see it (Ctrl+1)</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Internal note</translation>
    </message>
    <message>
        <source>Only officers see it (Ctrl+2)</source>
        <translation>Only officers see it (Ctrl+2)</translation>
    </message>
    <message>
        <source>Insert a template. Tip: type its shortcut, e.g. /sl, then Tab.</source>
        <translation>Insert a template. Tip: type its shortcut, e.g. /sl, then Tab.</translation>
    </message>
    <message>
        <source>Ctrl+Enter send · @ mention · /shortcut + Tab template</source>
        <translation>Ctrl+Enter send · @ mention · /shortcut + Tab template</translation>
    </message>
    <message>
        <source>Resolved: reopen the case (O) before a public reply; notes still go in</source>
        <translation>Resolved: reopen the case (O) before a public reply; notes still go in</translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation>Templates…</translation>
    </message>
    <message>
        <source>Not visible to the public</source>
        <translation>Not visible to the public</translation>
    </message>
    <message>
        <source>Visible to the citizen and the public</source>
        <translation>Visible to the citizen and the public</translation>
    </message>
    <message>
        <source>The reporter asked for NO receipt</source>
        <translation>The reporter asked for NO receipt</translation>
    </message>
    <message>
        <source>Save internal note (Ctrl+Enter)</source>
        <translation>Save internal note (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Internal note for colleagues: the citizen never sees this.</source>
        <translation>Internal note for colleagues: the citizen never sees this.</translation>
    </message>
    <message>
        <source>Send public reply (Ctrl+Enter)</source>
        <translation>Send public reply (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Reply to the citizen. Everyone can read it.</source>
        <translation>Reply to the citizen. Everyone can read it.</translation>
    </message>
    <message>
        <source>{n} characters over the platform&apos;s limit</source>
        <translation>{n} characters over the platform&apos;s limit</translation>
    </message>
</context>
<context>
    <name>ReplySafety</name>
    <message>
        <source>ID-card number</source>
        <translation>ID-card number</translation>
    </message>
    <message>
        <source>Personal data in a public reply</source>
        <translation>Personal data in a public reply</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Send anyway</translation>
    </message>
    <message>
        <source>Street address</source>
        <translation>Street address</translation>
    </message>
    <message>
        <source>This public reply contains personal data:

{lines}

Everyone will be able to read it. Send it anyway?</source>
        <translation>This public reply contains personal data:

{lines}

Everyone will be able to read it. Send it anyway?</translation>
    </message>
</context>
<context>
    <name>ReportRow</name>
    <message>
        <source>ESCALATED</source>
        <translation>ESCALATED</translation>
    </message>
    <message>
        <source>SILENT REPORT</source>
        <translation>SILENT REPORT</translation>
    </message>
    <message>
        <source>Silent report #{id}</source>
        <translation>Silent report #{id}</translation>
    </message>
    <message>
        <source>no location sent</source>
        <translation>no location sent</translation>
    </message>
    <message>
        <source> (±{m} m)</source>
        <translation> (±{m} m)</translation>
    </message>
    <message>
        <source>Waiting {age}</source>
        <translation>Waiting {age}</translation>
    </message>
    <message>
        <source>Acknowledge ({keys})</source>
        <translation>Acknowledge ({keys})</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>Acknowledging…</source>
        <translation>Acknowledging…</translation>
    </message>
    <message>
        <source>Click to open the report</source>
        <translation>Click to open the report</translation>
    </message>
</context>
<context>
    <name>Return</name>
    <message>
        <source>Duplicate</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>Not enough information</source>
        <translation>Not enough information</translation>
    </message>
    <message>
        <source>Not our jurisdiction</source>
        <translation>Not our jurisdiction</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Other reason</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Return “{title}” to {unit}</source>
        <translation>Return “{title}” to {unit}</translation>
    </message>
    <message>
        <source>Return (Enter)</source>
        <translation>Return (Enter)</translation>
    </message>
    <message>
        <source>Reason code</source>
        <translation>Reason code</translation>
    </message>
    <message>
        <source>e.g. the address is in Hebin station&apos;s district</source>
        <translation>e.g. the address is in Hebin station&apos;s district</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>Say why the case goes back.</source>
        <translation>Say why the case goes back.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Leaders&apos; worklist…</source>
        <translation>Leaders&apos; worklist…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Platform connection</source>
        <translation>Platform connection</translation>
    </message>
    <message>
        <source>Empty: the local demo platform</source>
        <translation>Empty: the local demo platform</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>Server URL</translation>
    </message>
    <message>
        <source>Applies the next time the console starts.</source>
        <translation>Applies the next time the console starts.</translation>
    </message>
    <message>
        <source>Plain http:// sends passwords and reports unencrypted; use https:// for anything but this computer.</source>
        <translation>Plain http:// sends passwords and reports unencrypted; use https:// for anything but this computer.</translation>
    </message>
    <message>
        <source>Empty: the built-in list of authorities</source>
        <translation>Empty: the built-in list of authorities</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>Trusted certificates</translation>
    </message>
    <message>
        <source>A PEM file with your organisation&apos;s certificate authorities, when the platform&apos;s certificate is issued by them. Certificate verification is always on and cannot be turned off.</source>
        <translation>A PEM file with your organisation&apos;s certificate authorities, when the platform&apos;s certificate is issued by them. Certificate verification is always on and cannot be turned off.</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>Sound</translation>
    </message>
    <message>
        <source>{n} %</source>
        <translation>{n} %</translation>
    </message>
    <message>
        <source>Test sound</source>
        <translation>Test sound</translation>
    </message>
    <message>
        <source>Plays the alarm once at this volume</source>
        <translation>Plays the alarm once at this volume</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Mute the chime for new ordinary posts</source>
        <translation>Mute the chime for new ordinary posts</translation>
    </message>
    <message>
        <source>Every new post</source>
        <translation>Every new post</translation>
    </message>
    <message>
        <source>Only posts of my unit</source>
        <translation>Only posts of my unit</translation>
    </message>
    <message>
        <source>Chime for</source>
        <translation>Chime for</translation>
    </message>
    <message>
        <source>Silent-report alarms can never be muted: they sound until someone acknowledges them, never quieter than {n} %.</source>
        <translation>Silent-report alarms can never be muted: they sound until someone acknowledges them, never quieter than {n} %.</translation>
    </message>
    <message>
        <source>Alert journal</source>
        <translation>Alert journal</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Every alarm start, stop, acknowledgement and escalation is written here. Applies at the next sign-in.</source>
        <translation>Every alarm start, stop, acknowledgement and escalation is written here. Applies at the next sign-in.</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>The new language applies the next time the console starts.</source>
        <translation>The new language applies the next time the console starts.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark (night shift)</source>
        <translation>Dark (night shift)</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>This run was started with {value} on the command line; it wins.</source>
        <translation>This run was started with {value} on the command line; it wins.</translation>
    </message>
    <message>
        <source>The settings could not be checked: {e}</source>
        <translation>The settings could not be checked: {e}</translation>
    </message>
    <message>
        <source>The server URL must start with https:// (or http://) and name a host.</source>
        <translation>The server URL must start with https:// (or http://) and name a host.</translation>
    </message>
    <message>
        <source>The certificate file does not exist.</source>
        <translation>The certificate file does not exist.</translation>
    </message>
    <message>
        <source>The certificate file is not a PEM file of certificates.</source>
        <translation>The certificate file is not a PEM file of certificates.</translation>
    </message>
    <message>
        <source>The certificate file cannot be used: {e}</source>
        <translation>The certificate file cannot be used: {e}</translation>
    </message>
    <message>
        <source>The alert journal needs a file.</source>
        <translation>The alert journal needs a file.</translation>
    </message>
    <message>
        <source>The alert journal file cannot be written: {e}</source>
        <translation>The alert journal file cannot be written: {e}</translation>
    </message>
    <message>
        <source>The sound can be tested once you are signed in.</source>
        <translation>The sound can be tested once you are signed in.</translation>
    </message>
    <message>
        <source>Alarms cannot sound: {reason}</source>
        <translation>Alarms cannot sound: {reason}</translation>
    </message>
    <message>
        <source>no audio output device found</source>
        <translation>no audio output device found</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;All files (*)</source>
        <translation>JSON lines (*.jsonl);;All files (*)</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>First / last case in the queue</source>
        <translation>First / last case in the queue</translation>
    </message>
    <message>
        <source>Home / End</source>
        <translation>Home / End</translation>
    </message>
    <message>
        <source>Leave the search box, back to the queue</source>
        <translation>Leave the search box, back to the queue</translation>
    </message>
    <message>
        <source>Move a page at a time</source>
        <translation>Move a page at a time</translation>
    </message>
    <message>
        <source>Move through the queue</source>
        <translation>Move through the queue</translation>
    </message>
    <message>
        <source>Open the selected case</source>
        <translation>Open the selected case</translation>
    </message>
    <message>
        <source>PgUp / PgDown</source>
        <translation>PgUp / PgDown</translation>
    </message>
    <message>
        <source>Send the reply or note in the editor</source>
        <translation>Send the reply or note in the editor</translation>
    </message>
    <message>
        <source>Up / Down</source>
        <translation>Up / Down</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Open (not resolved)</source>
        <translation>Open (not resolved)</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
</context>
<context>
    <name>SuperviseDialog</name>
    <message>
        <source>Supervise</source>
        <translation>Supervise</translation>
    </message>
    <message>
        <source>Put “{title}” under supervision</source>
        <translation>Put “{title}” under supervision</translation>
    </message>
    <message>
        <source>Supervise (Enter)</source>
        <translation>Supervise (Enter)</translation>
    </message>
    <message>
        <source>Due (Beijing time)</source>
        <translation>Due (Beijing time)</translation>
    </message>
    <message>
        <source>Instruction (required), e.g. verify on site and report in writing</source>
        <translation>Instruction (required), e.g. verify on site and report in writing</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <source>The due time must be in the future.</source>
        <translation>The due time must be in the future.</translation>
    </message>
    <message>
        <source>Write the instruction.</source>
        <translation>Write the instruction.</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Action: {name}</source>
        <translation>Action: {name}</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Internal note · not visible to the public</source>
        <translation>Internal note · not visible to the public</translation>
    </message>
    <message>
        <source>Public reply · visible to the citizen</source>
        <translation>Public reply · visible to the citizen</translation>
    </message>
    <message>
        <source>Resolution · visible to the citizen</source>
        <translation>Resolution · visible to the citizen</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>to {dst}</source>
        <translation>to {dst}</translation>
    </message>
    <message>
        <source>{src} → {dst}</source>
        <translation>{src} → {dst}</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Hand “{title}” to another unit</source>
        <translation>Hand “{title}” to another unit</translation>
    </message>
    <message>
        <source>Transfer (Ctrl+Enter)</source>
        <translation>Transfer (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Type to filter units, e.g. “station”, “heating”</source>
        <translation>Type to filter units, e.g. “station”, “heating”</translation>
    </message>
    <message>
        <source>Reason (required), e.g. local jurisdiction, please verify and handle</source>
        <translation>Reason (required), e.g. local jurisdiction, please verify and handle</translation>
    </message>
    <message>
        <source>The selected unit leads; tick the units that assist it with Space.</source>
        <translation>The selected unit leads; tick the units that assist it with Space.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>City bureau</source>
        <translation>City bureau</translation>
    </message>
    <message>
        <source>Specialised units</source>
        <translation>Specialised units</translation>
    </message>
    <message>
        <source>Branches and stations</source>
        <translation>Branches and stations</translation>
    </message>
    <message>
        <source>Government departments (12345)</source>
        <translation>Government departments (12345)</translation>
    </message>
    <message>
        <source>Other units</source>
        <translation>Other units</translation>
    </message>
    <message>
        <source>{name} (current unit)</source>
        <translation>{name} (current unit)</translation>
    </message>
    <message>
        <source>Lead unit: {lead}</source>
        <translation>Lead unit: {lead}</translation>
    </message>
    <message>
        <source> · assisting: {units}</source>
        <translation> · assisting: {units}</translation>
    </message>
    <message>
        <source> · priority kept: {p}</source>
        <translation> · priority kept: {p}</translation>
    </message>
    <message>
        <source>Choose the receiving unit.</source>
        <translation>Choose the receiving unit.</translation>
    </message>
    <message>
        <source>At most {n} assisting units.</source>
        <translation>At most {n} assisting units.</translation>
    </message>
    <message>
        <source>Give a reason for the transfer.</source>
        <translation>Give a reason for the transfer.</translation>
    </message>
    <message>
        <source>The reason is too long (at most {n} characters).</source>
        <translation>The reason is too long (at most {n} characters).</translation>
    </message>
    <message>
        <source>Choose the suggested unit</source>
        <translation>Choose the suggested unit</translation>
    </message>
    <message>
        <source>{name} (district of the location)</source>
        <translation>{name} (district of the location)</translation>
    </message>
</context>
<context>
    <name>TriageSuggestion</name>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Suggested from past posts: {what} (board {sure} % sure)</source>
        <translation>Suggested from past posts: {what} (board {sure} % sure)</translation>
    </message>
    <message>
        <source>board {board}</source>
        <translation>board {board}</translation>
    </message>
    <message>
        <source>priority {p}</source>
        <translation>priority {p}</translation>
    </message>
    <message>
        <source>unit {unit}</source>
        <translation>unit {unit}</translation>
    </message>
</context>
<context>
    <name>UrgeDialog</name>
    <message>
        <source>Urge</source>
        <translation>Urge</translation>
    </message>
    <message>
        <source>Urge {unit} on “{title}”</source>
        <translation>Urge {unit} on “{title}”</translation>
    </message>
    <message>
        <source>Urge (Enter)</source>
        <translation>Urge (Enter)</translation>
    </message>
    <message>
        <source>e.g. the citizen has called three times, report progress by 17:00</source>
        <translation>e.g. the citizen has called three times, report progress by 17:00</translation>
    </message>
    <message>
        <source>Message to the unit</source>
        <translation>Message to the unit</translation>
    </message>
    <message>
        <source>Write what the unit must do.</source>
        <translation>Write what the unit must do.</translation>
    </message>
</context>
<context>
    <name>WallAlarms</name>
    <message>
        <source>ESCALATED</source>
        <translation>ESCALATED</translation>
    </message>
    <message>
        <source>NOT ACKNOWLEDGED</source>
        <translation>NOT ACKNOWLEDGED</translation>
    </message>
    <message>
        <source>Silent report #{id} · {state} · waiting {age} · {words}</source>
        <translation>Silent report #{id} · {state} · waiting {age} · {words}</translation>
    </message>
</context>
</TS>
