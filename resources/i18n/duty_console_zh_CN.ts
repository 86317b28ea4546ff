<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Duty Console</source>
        <translation>关于值班台</translation>
    </message>
    <message>
        <source>Duty Console</source>
        <translation>Duty Console 值班台</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>The workstation of the online police platform&apos;s duty officers.</source>
        <translation>网上公安局值班民警工作台。</translation>
    </message>
    <message>
        <source>{url} — local demo platform, invented data</source>
        <translation>{url}（本机演示平台，数据均为虚构）</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>受信任的证书</translation>
    </message>
    <message>
        <source>built-in list (verification always on)</source>
        <translation>内置列表（始终验证证书）</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <source>Alert journal</source>
        <translation>警报记录</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>设置文件</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>组件版本</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>AckChooser</name>
    <message>
        <source>Which silent report?</source>
        <translation>确认哪一条V报警？</translation>
    </message>
    <message>
        <source>Several silent reports are waiting. Which one do you acknowledge?</source>
        <translation>有多条V报警等待确认。您要确认哪一条？</translation>
    </message>
    <message>
        <source>{n}.  #{id}  waiting {age}  {text}</source>
        <translation>{n}．#{id}&#x3000;已等待 {age}&#x3000;{text}</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认接警</translation>
    </message>
</context>
<context>
    <name>Action</name>
    <message>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>确认V报警</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已指派</translation>
    </message>
    <message>
        <source>Assisting units named</source>
        <translation>指定协办单位</translation>
    </message>
    <message>
        <source>Attachment added</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Extension decided</source>
        <translation>延期已审批</translation>
    </message>
    <message>
        <source>Extension decision</source>
        <translation>延期审批</translation>
    </message>
    <message>
        <source>Extension request</source>
        <translation>延期申请</translation>
    </message>
    <message>
        <source>Extension requested</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <source>Not signed for in time</source>
        <translation>签收超时</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>发帖</translation>
    </message>
    <message>
        <source>Priority changed</source>
        <translation>调整优先级</translation>
    </message>
    <message>
        <source>Private answer from the citizen</source>
        <translation>群众私信回复</translation>
    </message>
    <message>
        <source>Private message to the citizen</source>
        <translation>私信群众</translation>
    </message>
    <message>
        <source>Private message</source>
        <translation>私信</translation>
    </message>
    <message>
        <source>Public reply</source>
        <translation>公开回复</translation>
    </message>
    <message>
        <source>Rated by the citizen</source>
        <translation>群众评价</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>回退</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已回退</translation>
    </message>
    <message>
        <source>Sign for</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Signed for</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转办</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>转办</translation>
    </message>
    <message>
        <source>Under supervision</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Urge</source>
        <translation>催办</translation>
    </message>
    <message>
        <source>Urged</source>
        <translation>已催办</translation>
    </message>
    <message>
        <source>A duplicate merged in</source>
        <translation>重复帖并入</translation>
    </message>
    <message>
        <source>A duplicate unmerged</source>
        <translation>重复帖取消合并</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Merged as a duplicate</source>
        <translation>作为重复帖合并</translation>
    </message>
    <message>
        <source>Newer location from the reporter</source>
        <translation>报警人补充新位置</translation>
    </message>
    <message>
        <source>Unmerge</source>
        <translation>取消合并</translation>
    </message>
    <message>
        <source>Unmerged</source>
        <translation>取消合并</translation>
    </message>
</context>
<context>
    <name>ActionBar</name>
    <message>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>转办…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>办结…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>Acknowledge silent report</source>
        <translation>确认V报警</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <source>{what}: sending…</source>
        <translation>{what}：发送中…</translation>
    </message>
</context>
<context>
    <name>AlarmDesk</name>
    <message>
        <source>Silent report</source>
        <translation>V报警</translation>
    </message>
    <message numerus="yes">
        <source>%n silent report(s) waiting for acknowledgement</source>
        <translation>
            <numerusform>%n 条V报警等待确认</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertBanner</name>
    <message>
        <source>another console</source>
        <translation>其他席位</translation>
    </message>
    <message>
        <source>Silent report #{id} acknowledged by {name} after {duration}</source>
        <translation>V报警 #{id} 已由{name}确认，用时 {duration}</translation>
    </message>
    <message>
        <source>Alarms cannot sound: {reason}</source>
        <translation>警报无法发声：{reason}</translation>
    </message>
    <message>
        <source>no audio output device found</source>
        <translation>未检测到音频输出设备</translation>
    </message>
    <message>
        <source>Acknowledge the silent report on screen</source>
        <translation>确认当前显示的V报警</translation>
    </message>
    <message>
        <source>The alert journal cannot be written: alarms still sound, but this workstation keeps no record of them. Tell IT. ({reason})</source>
        <translation>警报记录无法写入：警报照常鸣响，但本工作站不再留存记录，请通知信息科。（{reason}）</translation>
    </message>
    <message>
        <source>▴ Show only the oldest report · {key} asks which to acknowledge</source>
        <translation>▴ 只显示最早的一条 · 按 {key} 选择要确认的报警</translation>
    </message>
    <message numerus="yes">
        <source>▾ %n more silent report(s) waiting · click to see them all</source>
        <translation>
            <numerusform>▾ 另有 %n 条V报警等待确认 · 点击查看全部</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApiError</name>
    <message>
        <source>The platform&apos;s certificate cannot be verified; ask the administrator to check it.</source>
        <translation>无法验证平台的证书，请联系管理员检查证书配置。</translation>
    </message>
    <message>
        <source>Cannot reach the platform; check the network. The console retries by itself once it is back.</source>
        <translation>无法连接到平台，请检查网络；连接恢复后会自动重试。</translation>
    </message>
    <message>
        <source>Someone else has already handled this post; refresh to see it.</source>
        <translation>这条帖子已被他人处理，请刷新后查看。</translation>
    </message>
    <message>
        <source>Someone has just updated this post; look at the latest version and try again.</source>
        <translation>这条帖子刚被他人更新，请查看最新内容后再操作。</translation>
    </message>
    <message>
        <source>That did not work (the platform answered {status}); please try again later.</source>
        <translation>操作没有成功（平台返回 {status}），请稍后重试。</translation>
    </message>
    <message>
        <source>That did not work; please try again later.</source>
        <translation>操作没有成功，请稍后重试。</translation>
    </message>
    <message>
        <source>The platform did not accept what was sent; check it and try again.</source>
        <translation>提交的内容不符合要求，请检查后再试。</translation>
    </message>
    <message>
        <source>The platform had a temporary error; please try again later.</source>
        <translation>平台暂时出错，请稍后重试。</translation>
    </message>
    <message>
        <source>The platform sent an answer the console cannot read; try again later or contact the administrator.</source>
        <translation>平台返回了无法识别的内容，请稍后重试或联系管理员。</translation>
    </message>
    <message>
        <source>This item cannot be found; it may have been moved out of your area.</source>
        <translation>找不到这条内容，它可能已被转出您的范围。</translation>
    </message>
    <message>
        <source>Too many attempts; please try again later.</source>
        <translation>尝试次数过多，请稍后再试。</translation>
    </message>
    <message>
        <source>Too many attempts; try again in {n} seconds.</source>
        <translation>尝试次数过多，请 {n} 秒后再试。</translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation>您没有权限进行这项操作。</translation>
    </message>
    <message>
        <source>Your sign-in is no longer valid; please sign in again.</source>
        <translation>登录已失效，请重新登录。</translation>
    </message>
    <message>
        <source>{name} has already accepted this post; refresh to see it.</source>
        <translation>这条帖子已由{name}受理，请刷新后查看。</translation>
    </message>
</context>
<context>
    <name>AttachmentsView</name>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>▶ Play recording</source>
        <translation>▶ 播放录音</translation>
    </message>
    <message>
        <source>Image cannot be shown</source>
        <translation>图片无法显示</translation>
    </message>
    <message>
        <source>The image has not finished loading, or cannot be shown.</source>
        <translation>图片还没有加载完成，或无法显示。</translation>
    </message>
    <message>
        <source>The recording could not be downloaded; please try again shortly.</source>
        <translation>录音下载失败，请稍后重试。</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>{label}：{value}</source>
        <translation>{label}：{value}</translation>
    </message>
</context>
<context>
    <name>CallbackWorklist</name>
    <message>
        <source>Callbacks due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>群众</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应回访时间</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>已拨打次数</translation>
    </message>
    <message>
        <source>What the citizen said (required if dissatisfied)</source>
        <translation>群众的意见（不满意时必填）</translation>
    </message>
    <message>
        <source>Open case (Enter)</source>
        <translation>打开案件（Enter）</translation>
    </message>
    <message>
        <source>No callbacks are due.</source>
        <translation>目前没有待回访的案件。</translation>
    </message>
    <message>
        <source>Write down what the citizen is dissatisfied with first.</source>
        <translation>请先写明群众对哪里不满意。</translation>
    </message>
    <message>
        <source>Case #{id}: attempt {n} recorded ({what}).</source>
        <translation>案件 #{id}：已记录第 {n} 次回访（{what}）。</translation>
    </message>
    <message>
        <source>Case #{id}: unreachable {n} times; the callback has ended.</source>
        <translation>案件 #{id}：{n} 次联系不上，回访结束。</translation>
    </message>
    <message>
        <source>Case #{id}: {what}; the callback is done.</source>
        <translation>案件 #{id}：{what}，回访完成。</translation>
    </message>
    <message>
        <source>Case #{id}: dissatisfied; the case is reopened under supervision.</source>
        <translation>案件 #{id}：群众不满意，案件已重新打开并列入督办。</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>联系不上</translation>
    </message>
</context>
<context>
    <name>CaseBody</name>
    <message>
        <source>Show them</source>
        <translation>显示出来</translation>
    </message>
    <message>
        <source>This post contains {n} invisible or direction-changing characters; they can make the text read differently from what was sent.</source>
        <translation>此帖含有 {n} 个不可见或改变文字方向的字符，可能使显示内容与实际发送的不同。</translation>
    </message>
    <message>
        <source>Show as sent</source>
        <translation>按原样显示</translation>
    </message>
</context>
<context>
    <name>CaseController</name>
    <message>
        <source>The action could not be saved on this computer; nothing was sent.</source>
        <translation>操作无法保存到本机，未发送任何内容。</translation>
    </message>
    <message>
        <source>The message could not be saved on this computer and was not sent; it is still in the editor.</source>
        <translation>消息无法保存到本机，未发送；内容仍在编辑框中。</translation>
    </message>
    <message>
        <source>Case #{id}: “{what}” was not carried out ({reason}).</source>
        <translation>案件 #{id}：“{what}”未能执行（{reason}）。</translation>
    </message>
    <message>
        <source>This case has left your area of responsibility (for example it was transferred); your draft is kept.</source>
        <translation>这条案件已不在您的职责范围内（例如已被转办）；您的草稿仍保留。</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the address and coordinates</source>
        <translation>复制地址和坐标</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>发帖人</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>板块</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>承办民警</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>发帖时间</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>@提及</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>SILENT REPORT</source>
        <translation>V报警</translation>
    </message>
    <message>
        <source>No receipt</source>
        <translation>不回执</translation>
    </message>
    <message>
        <source>The reporter asked for no receipt: a public reply may put them in danger. Use internal notes unless you are sure.</source>
        <translation>报警人要求不回执：公开回复可能使其陷入危险。除非确认安全，请只写内部备注。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Nobody has accepted it yet</source>
        <translation>尚无人受理</translation>
    </message>
    <message>
        <source>Officer #{id}</source>
        <translation>民警 #{id}</translation>
    </message>
    <message>
        <source> (±{m} m)</source>
        <translation>（±{m} 米）</translation>
    </message>
    <message>
        <source>{who} at {time}</source>
        <translation>{who}，{time}</translation>
    </message>
    <message>
        <source>NOT YET ACKNOWLEDGED</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <source>Resolved {time}</source>
        <translation>已于 {time} 办结</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>no deadline</source>
        <translation>无时限</translation>
    </message>
    <message>
        <source>overdue by {t}</source>
        <translation>已超时 {t}</translation>
    </message>
    <message>
        <source>{t} left</source>
        <translation>剩余 {t}</translation>
    </message>
    <message>
        <source>Read only: this case now belongs to {unit}. You handled it before, so you can still read it, but you can no longer act on it.</source>
        <translation>只读：此案件现归{unit}办理。您曾办理过它，仍可查看，但已不能再操作。</translation>
    </message>
    <message>
        <source>another unit</source>
        <translation>其他单位</translation>
    </message>
</context>
<context>
    <name>CaseMapPanel</name>
    <message>
        <source>Back to the report (0)</source>
        <translation>回到报警位置（0）</translation>
    </message>
    <message>
        <source>Copy coordinates</source>
        <translation>复制坐标</translation>
    </message>
    <message>
        <source>Nearby posts could not be loaded.</source>
        <translation>附近的帖子加载失败。</translation>
    </message>
    <message>
        <source>The reporter sent {n} newer location(s); the latest {age}: {where}</source>
        <translation>报警人补充了 {n} 个新位置；最新一次{age}：{where}</translation>
    </message>
    <message>
        <source>{n} other open posts within {r} m, {s} of them silent reports</source>
        <translation>{r} 米内另有 {n} 条未办结帖子，其中 V报警 {s} 条</translation>
    </message>
    <message>
        <source>±{m} m</source>
        <translation>±{m} 米</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Select a case in the queue to see it here.</source>
        <translation>在左侧队列中选择一条案件，详情会显示在这里。</translation>
    </message>
    <message>
        <source>Dismiss (Esc)</source>
        <translation>关闭提示（Esc）</translation>
    </message>
    <message>
        <source>Loading case #{id}…</source>
        <translation>正在加载案件 #{id}…</translation>
    </message>
    <message>
        <source>Replies and notes ({n})</source>
        <translation>回复与备注（{n}）</translation>
    </message>
    <message>
        <source> · {n} unsent</source>
        <translation> · {n} 条未发送</translation>
    </message>
    <message>
        <source>History ({n})</source>
        <translation>办理记录（{n}）</translation>
    </message>
    <message>
        <source>Private messages ({n})</source>
        <translation>私信（{n}）</translation>
    </message>
    <message>
        <source> · {n} unread</source>
        <translation> · {n} 条未读</translation>
    </message>
    <message>
        <source>Reporter&apos;s other posts</source>
        <translation>报警人的其他帖子</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <source>Group</source>
        <translation>警民群</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>热线</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>来信</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>公告</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>社区帖</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>网站</translation>
    </message>
</context>
<context>
    <name>CityScene</name>
    <message>
        <source>Newer {n}</source>
        <translation>新位置 {n}</translation>
    </message>
    <message>
        <source>Open post</source>
        <translation>未办结帖子</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>报警位置</translation>
    </message>
    <message>
        <source>Silent report</source>
        <translation>V报警</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>{name}: {n} open</source>
        <translation>{name}：未办结 {n} 条</translation>
    </message>
    <message>
        <source>{t} ago</source>
        <translation>{t}前</translation>
    </message>
    <message>
        <source>±{m} m</source>
        <translation>±{m} 米</translation>
    </message>
</context>
<context>
    <name>ClipControls</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Resolve</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Resolve “{title}”: the citizen will read this resolution</source>
        <translation>办结“{title}”：办结说明群众可见</translation>
    </message>
    <message>
        <source>Resolve (Ctrl+Enter)</source>
        <translation>办结（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Resolution (required), e.g. officers attended, the noise has stopped</source>
        <translation>办结说明（必填），如：民警已到场处置，噪音已停止</translation>
    </message>
    <message>
        <source>Closure code (the public page shows the resolution only)</source>
        <translation>办结类型（公开页面只显示办理结果）</translation>
    </message>
    <message>
        <source>Write the resolution.</source>
        <translation>请填写办结说明。</translation>
    </message>
    <message>
        <source>The resolution is too long (at most {n} characters).</source>
        <translation>办结说明太长（最多 {n} 字）。</translation>
    </message>
</context>
<context>
    <name>Closure</name>
    <message>
        <source>Answered (consultation)</source>
        <translation>已答复（咨询类）</translation>
    </message>
    <message>
        <source>Citizen unreachable</source>
        <translation>联系不上群众</translation>
    </message>
    <message>
        <source>Duplicate of another case</source>
        <translation>重复件</translation>
    </message>
    <message>
        <source>Handled offline</source>
        <translation>线下处理</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Unfounded (the public page shows only: resolved)</source>
        <translation>反映不实（公开页面仅显示“已办结”）</translation>
    </message>
</context>
<context>
    <name>ConsoleApp</name>
    <message>
        <source>The certificate file set for this console cannot be read: {path}. Check it in Settings or ask IT.</source>
        <translation>本机设置的证书文件无法读取：{path}。请在“设置”中检查，或联系技术保障人员。</translation>
    </message>
    <message>
        <source>The local demo platform could not start. Details are in the log file.</source>
        <translation>本地演示平台无法启动，详细原因已写入日志文件。</translation>
    </message>
    <message>
        <source>Sign-in failed unexpectedly. Details are in the log file.</source>
        <translation>登录时发生意外错误，详细原因已写入日志文件。</translation>
    </message>
    <message>
        <source>Your sign-in has expired or was revoked. Sign in again to continue: the open case and your draft are kept.</source>
        <translation>您的登录已过期或已被注销。请重新登录后继续：打开的案件和草稿都已保留。</translation>
    </message>
</context>
<context>
    <name>ConsoleStatusBar</name>
    <message>
        <source>● Live</source>
        <translation>● 实时</translation>
    </message>
    <message>
        <source>Connected to the platform; the queue updates as events arrive.</source>
        <translation>已连接平台，队列随事件实时更新。</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting (attempt %n)</source>
        <translation>
            <numerusform>重连中（第 %n 次）</numerusform>
        </translation>
    </message>
    <message>
        <source>The live link dropped; the console keeps retrying.</source>
        <translation>实时连接已断开，值班台正在自动重连。</translation>
    </message>
    <message>
        <source>Offline (since {time})</source>
        <translation>离线（自 {time}）</translation>
    </message>
    <message>
        <source>The platform cannot be reached. Replies and actions are kept in the outbox and sent when the link is back.</source>
        <translation>无法连接平台。回复和操作已保存在本机发件箱，连接恢复后自动发送。</translation>
    </message>
    <message>
        <source>● Connected (refreshing)</source>
        <translation>● 已连接（定时刷新）</translation>
    </message>
    <message>
        <source>Connected; the queue is refreshed in the background.</source>
        <translation>已连接，队列在后台定时刷新。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Outbox empty</source>
        <translation>发件箱已清空</translation>
    </message>
    <message>
        <source>Every reply and action has been delivered.</source>
        <translation>所有回复和操作均已送达。</translation>
    </message>
    <message numerus="yes">
        <source>%n unsent</source>
        <translation>
            <numerusform>%n 条未发送</numerusform>
        </translation>
    </message>
    <message>
        <source> Local demo platform </source>
        <translation> 本地演示平台 </translation>
    </message>
    <message>
        <source>Running against the embedded demo platform with invented data.</source>
        <translation>当前连接的是内置的本地演示平台，数据均为虚构。</translation>
    </message>
    <message>
        <source>{name} ({badge}) · {unit}</source>
        <translation>{name}（{badge}）· {unit}</translation>
    </message>
    <message>
        <source>Replies and actions waiting in the local outbox to be delivered (click to see them).</source>
        <translation>本地发件箱中等待发送的回复和操作（点击查看）。</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>No replies or notes yet.</source>
        <translation>暂无回复或备注。</translation>
    </message>
    <message>
        <source>Internal notes of this case are not visible to you.</source>
        <translation>您无权查看此案件的内部备注。</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>An unexpected error occurred in Duty Console. Your unsent replies and drafts are kept and will be sent after a restart. Please restart the console; if it happens again, give this log file to IT: {path}</source>
        <translation>值班台发生意外错误。未发送的回复和草稿都已保留，重启后会继续发送。请重新启动值班台；如果再次出现，请把此日志文件交给技术保障人员：{path}</translation>
    </message>
    <message>
        <source>Duty Console</source>
        <translation>值班台</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Coverage {c}: {r} of {p} resolved posts&apos; authors heard; {d} still due</source>
        <translation>回访覆盖率 {c}：已办结 {p} 件，回访到 {r} 位群众；待回访 {d} 件</translation>
    </message>
    <message>
        <source>(no note)</source>
        <translation>（无记录）</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>&gt;{a}</source>
        <translation>&gt;{a}</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Acknowledged within 15 s</source>
        <translation>15秒内确认占比</translation>
    </message>
    <message>
        <source>Acknowledged within 20 s</source>
        <translation>20秒内确认占比</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Acknowledgement P90 (s)</source>
        <translation>确认时间P90(秒)</translation>
    </message>
    <message>
        <source>Acknowledgement median (s)</source>
        <translation>确认时间中位数(秒)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Author reached</source>
        <translation>回访到群众</translation>
    </message>
    <message>
        <source>Backlog at day end</source>
        <translation>日终积压</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>警号</translation>
    </message>
    <message>
        <source>By hour (Beijing time)</source>
        <translation>按小时（北京时间）</translation>
    </message>
    <message>
        <source>Callbacks made</source>
        <translation>应回访</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Click to see these posts</source>
        <translation>点击查看这些帖子</translation>
    </message>
    <message>
        <source>Closed by the deadline</source>
        <translation>按期办结率</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>回访覆盖率</translation>
    </message>
    <message>
        <source>Daily volume and backlog</source>
        <translation>每日帖子量与积压</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Deadline (UTC)</source>
        <translation>期限(UTC)</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Dispatched to it</source>
        <translation>派单数</translation>
    </message>
    <message>
        <source>Dissatisfied at callback</source>
        <translation>回访不满意</translation>
    </message>
    <message>
        <source>Due within 2 h</source>
        <translation>2小时内到期</translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation>升级次数</translation>
    </message>
    <message>
        <source>Extension asked</source>
        <translation>延期率</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>First response time</source>
        <translation>首次响应时间</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Median (s)</source>
        <translation>中位数(秒)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>P90 (s)</source>
        <translation>P90(秒)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>帖子数</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>上期</translation>
    </message>
    <message>
        <source>Previous {v}</source>
        <translation>上期 {v}</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报警数</translation>
    </message>
    <message>
        <source>Resolution time</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>回退率</translation>
    </message>
    <message>
        <source>Same as the previous period</source>
        <translation>与上期持平</translation>
    </message>
    <message>
        <source>Satisfaction distribution</source>
        <translation>满意度分布</translation>
    </message>
    <message>
        <source>Satisfied by callback</source>
        <translation>回访满意率</translation>
    </message>
    <message>
        <source>Satisfied by rating</source>
        <translation>评价满意率</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>Satisfied: {c} by callback ({r} reached) · {s} by rating ({n} ratings)</source>
        <translation>满意率：回访 {c}（回访到 {r} 人）· 评价 {s}（{n} 条评价）</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Signed in time</source>
        <translation>签收及时率</translation>
    </message>
    <message>
        <source>Silent report acknowledgement</source>
        <translation>V报警确认</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>时间(UTC)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>转办</translation>
    </message>
    <message>
        <source>Unacknowledged now</source>
        <translation>当前未确认</translation>
    </message>
    <message>
        <source>Unit ranking</source>
        <translation>单位排名</translation>
    </message>
    <message>
        <source>Unit workload</source>
        <translation>单位工作量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Units: promises kept</source>
        <translation>单位排名：签收、回退、按期办结、延期、满意</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>无法联系</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>due in {d}</source>
        <translation>{d}后到期</translation>
    </message>
    <message>
        <source>of</source>
        <translation>计算基数</translation>
    </message>
    <message>
        <source>overdue {d}</source>
        <translation>逾期 {d}</translation>
    </message>
    <message>
        <source>{arrow}{d} vs previous</source>
        <translation>较上期 {arrow}{d}</translation>
    </message>
    <message>
        <source>{n} points</source>
        <translation>{n}个百分点</translation>
    </message>
    <message>
        <source>{u} units, {d} dispatches in the period; double-click a unit for its queue</source>
        <translation>共 {u} 个单位，期内派单 {d} 件；双击单位查看其待办</translation>
    </message>
    <message>
        <source>≤{a}</source>
        <translation>≤{a}</translation>
    </message>
    <message>
        <source>Workload dashboard</source>
        <translation>工作量看板</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>This shift</source>
        <translation>本班次</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近7天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近30天</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export ▾</source>
        <translation>导出 ▾</translation>
    </message>
    <message>
        <source>Export image (PNG)…</source>
        <translation>导出图片（PNG）…</translation>
    </message>
    <message>
        <source>Export data (CSV)…</source>
        <translation>导出数据（CSV）…</translation>
    </message>
    <message>
        <source>Wall display</source>
        <translation>大屏模式</translation>
    </message>
    <message>
        <source>Not loaded yet</source>
        <translation>尚未加载</translation>
    </message>
    <message>
        <source>Updated {t}</source>
        <translation>更新于 {t}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>在办</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Silent reports unacknowledged</source>
        <translation>V报警未确认</translation>
    </message>
    <message>
        <source>Median first response</source>
        <translation>首次响应中位数</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Resolved within 24 h</source>
        <translation>24小时办结率</translation>
    </message>
    <message>
        <source>Resolved on time</source>
        <translation>按期办结率</translation>
    </message>
    <message>
        <source>Officer workload</source>
        <translation>民警工作量</translation>
    </message>
    <message>
        <source>Volume and backlog</source>
        <translation>帖子量与积压</translation>
    </message>
    <message>
        <source>Overdue and due soon</source>
        <translation>逾期与即将到期</translation>
    </message>
    <message>
        <source>First response times</source>
        <translation>首次响应时间分布</translation>
    </message>
    <message>
        <source>Resolution times</source>
        <translation>办结时间分布</translation>
    </message>
    <message>
        <source>Silent report acknowledgement times</source>
        <translation>V报警确认时间</translation>
    </message>
    <message>
        <source>Citizen satisfaction</source>
        <translation>群众满意度</translation>
    </message>
    <message>
        <source>Unsatisfied ratings</source>
        <translation>不满意评价</translation>
    </message>
    <message>
        <source>Myself</source>
        <translation>本人</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>Check the network and try again.</source>
        <translation>请检查网络后重试。</translation>
    </message>
    <message>
        <source>Not all figures could be loaded: {m}</source>
        <translation>统计数据没有全部加载成功：{m}</translation>
    </message>
    <message>
        <source>Leave wall display</source>
        <translation>退出大屏</translation>
    </message>
    <message>
        <source>Open posts by district</source>
        <translation>各辖区未办结帖子</translation>
    </message>
    <message>
        <source>Open posts per district could not be loaded.</source>
        <translation>各辖区未办结帖子数加载失败。</translation>
    </message>
    <message>
        <source>{n} open posts located, {s} of them silent reports; {u} without a location</source>
        <translation>有位置的未办结帖子 {n} 条，其中 V报警 {s} 条；无位置 {u} 条</translation>
    </message>
    <message>
        <source>(no words)</source>
        <translation>（无关键词）</translation>
    </message>
    <message>
        <source>Answer all…</source>
        <translation>统一答复…</translation>
    </message>
    <message>
        <source>Hotspots could not be loaded.</source>
        <translation>热点未能加载。</translation>
    </message>
    <message>
        <source>Hotspots</source>
        <translation>预警热点</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No hotspot: no district has more alike posts than usual.</source>
        <translation>没有热点：各辖区的同类帖子都不多于平常。</translation>
    </message>
    <message>
        <source>Open all posts</source>
        <translation>打开全部帖子</translation>
    </message>
    <message>
        <source>unit {id}</source>
        <translation>单位 {id}</translation>
    </message>
    <message>
        <source>{n} active: many alike posts in one district, more than usual.</source>
        <translation>{n} 个热点：同一辖区的同类帖子明显多于平常。</translation>
    </message>
    <message>
        <source>{words} · {where} · {n} posts in {m} min (usually {b:g}) · since {t}</source>
        <translation>{words} · {where} · {m} 分钟内 {n} 条（平常 {b:g} 条）· 自 {t}</translation>
    </message>
</context>
<context>
    <name>DashboardExport</name>
    <message>
        <source>Export image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>The export failed; try another location.</source>
        <translation>导出没有成功，请换一个位置再试。</translation>
    </message>
</context>
<context>
    <name>DecideDialog</name>
    <message>
        <source>Approve the extension</source>
        <translation>批准延期</translation>
    </message>
    <message>
        <source>Reject the extension</source>
        <translation>驳回延期</translation>
    </message>
    <message>
        <source>Approve (Enter)</source>
        <translation>批准（回车）</translation>
    </message>
    <message>
        <source>Reject (Enter)</source>
        <translation>驳回（回车）</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>审批意见（可不填）</translation>
    </message>
    <message>
        <source>Comment (required)</source>
        <translation>审批意见（必填）</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <source>Say why the extension is rejected.</source>
        <translation>请写明驳回理由。</translation>
    </message>
</context>
<context>
    <name>Drafts</name>
    <message>
        <source>Drafts cannot be saved on this computer; keep this window open.</source>
        <translation>草稿无法保存到本机，请不要关闭本窗口。</translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <source>Likely duplicates ({n})</source>
        <translation>疑似重复（{n}）</translation>
    </message>
    <message>
        <source>Likely duplicates could not be loaded: {why}</source>
        <translation>疑似重复帖加载失败：{why}</translation>
    </message>
    <message>
        <source>Likely duplicates</source>
        <translation>疑似重复</translation>
    </message>
    <message>
        <source>Looking for likely duplicates…</source>
        <translation>正在查找疑似重复帖…</translation>
    </message>
    <message>
        <source>Merge into this post</source>
        <translation>合并到本帖</translation>
    </message>
    <message>
        <source>No likely duplicates.</source>
        <translation>没有疑似重复帖。</translation>
    </message>
    <message>
        <source>Open the master post</source>
        <translation>打开主帖</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>The selected post becomes a duplicate of this one: its author follows this case</source>
        <translation>所选帖子作为本帖的重复帖合并：其发帖人将看到本帖的办理进展</translation>
    </message>
    <message>
        <source>This post is merged as a duplicate into #{id}.</source>
        <translation>本帖已作为重复帖合并到 #{id}。</translation>
    </message>
    <message>
        <source>Unmerge</source>
        <translation>取消合并</translation>
    </message>
    <message>
        <source>{n} likely duplicates, most likely first.</source>
        <translation>疑似重复帖 {n} 条，按可能性从高到低排列。</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>{d}d {h}h</source>
        <translation>{d}天{h}小时</translation>
    </message>
    <message>
        <source>{h}h {m}m</source>
        <translation>{h}小时{m}分</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m}分钟</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n}天</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n}小时</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n}分</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n}秒</translation>
    </message>
    <message>
        <source>{n}:00</source>
        <translation>{n}时</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
</context>
<context>
    <name>EarlierPosts</name>
    <message>
        <source>The reporter&apos;s other posts could not be loaded.</source>
        <translation>报警人的其他帖子未能加载。</translation>
    </message>
    <message>
        <source>No other posts by this reporter that you may read.</source>
        <translation>该报警人没有您可查看的其他帖子。</translation>
    </message>
</context>
<context>
    <name>EmptyCasePane</name>
    <message>
        <source>Select a case in the queue and press Enter to open it.
Press F1 for every keyboard shortcut.</source>
        <translation>在队列中选中一条案件，按 Enter 打开。
按 F1 查看全部快捷键。</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <source>Ask for an extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>A later deadline for “{title}”: a leader decides</source>
        <translation>为“{title}”申请延后办理期限，由领导审批</translation>
    </message>
    <message>
        <source>Ask (Enter)</source>
        <translation>提交申请（回车）</translation>
    </message>
    <message>
        <source>New deadline (Beijing time)</source>
        <translation>新的办理期限（北京时间）</translation>
    </message>
    <message>
        <source>Reason (required), e.g. waiting for the housing bureau&apos;s survey</source>
        <translation>延期理由（必填），如：等待住建部门现场勘验</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>The new deadline must be later than the current one.</source>
        <translation>新的期限必须晚于当前办理期限。</translation>
    </message>
    <message>
        <source>Give a reason for the extension.</source>
        <translation>请填写延期理由。</translation>
    </message>
</context>
<context>
    <name>FigureDrawing</name>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Open, on time</source>
        <translation>在办未逾期</translation>
    </message>
    <message>
        <source>Resolved this period</source>
        <translation>本期办结</translation>
    </message>
    <message>
        <source>Most overdue first, top {n} of {m}; click a bar to open those posts</source>
        <translation>逾期多者在前，显示前 {n} 名（共 {m} 名）；点击条形打开这些帖子</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>帖子数</translation>
    </message>
    <message>
        <source>Today by hour (Beijing time), {n} in total</source>
        <translation>今日按小时（北京时间）共 {n} 条</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Backlog at day end</source>
        <translation>日终积压</translation>
    </message>
    <message>
        <source>{n} in total; the line is the posts still open at each day&apos;s end</source>
        <translation>共 {n} 条；折线为每日日终仍未办结的帖子</translation>
    </message>
    <message>
        <source>Within target</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Over target</source>
        <translation>超出目标</translation>
    </message>
    <message>
        <source>Target {t}</source>
        <translation>目标 {t}</translation>
    </message>
    <message>
        <source>Median {m} · P90 {p} · {n} posts</source>
        <translation>中位数 {m} · P90 {p} · {n} 条</translation>
    </message>
    <message>
        <source>{o} overdue · {s} due within 2 h · resolved on time {c}</source>
        <translation>逾期 {o} 条 · 2小时内到期 {s} 条 · 按期办结 {c}</translation>
    </message>
    <message>
        <source>{n}★</source>
        <translation>{n}星</translation>
    </message>
    <message>
        <source>Average {a} · {n} ratings · unsatisfied {u}</source>
        <translation>平均 {a} 分 · {n} 条评价 · 不满意 {u}</translation>
    </message>
    <message>
        <source>(no comment)</source>
        <translation>（未填写评价）</translation>
    </message>
    <message>
        <source>{n} ratings of 1–2 stars (newest first)</source>
        <translation>1–2 星评价 {n} 条（最近在前）</translation>
    </message>
    <message>
        <source>Within 15 s</source>
        <translation>15秒内</translation>
    </message>
    <message>
        <source>Over 15 s</source>
        <translation>超过15秒</translation>
    </message>
    <message>
        <source>15 s</source>
        <translation>15秒</translation>
    </message>
    <message>
        <source>{n} reports · within 15 s {a} (standard 90%) · within 20 s {b} (standard 95%) · {e} escalations</source>
        <translation>{n} 起 · 15秒内 {a}（标准 90%）· 20秒内 {b}（标准 95%）· 升级 {e} 次</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>My unit</source>
        <translation>本单位</translation>
    </message>
    <message>
        <source>All visible</source>
        <translation>全部可见</translation>
    </message>
    <message>
        <source>All boards</source>
        <translation>全部板块</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅看超时</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>按紧急程度</translation>
    </message>
    <message>
        <source>Deadline first</source>
        <translation>按截止时间</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新在前</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>最早在前</translation>
    </message>
    <message>
        <source>Recently updated</source>
        <translation>最近更新</translation>
    </message>
    <message>
        <source>Sort order (done by the platform)</source>
        <translation>排序方式（由平台排序）</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Dashboard filter: click to remove it</source>
        <translation>来自统计看板的筛选：点击取消</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>板块</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Officer: {name}</source>
        <translation>民警：{name}</translation>
    </message>
    <message>
        <source>Unit: {name}</source>
        <translation>单位：{name}</translation>
    </message>
    <message>
        <source>Save current filters as a view…</source>
        <translation>将当前筛选保存为视图…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>删除视图</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <source>Name of this view (e.g. Night shift, overdue):</source>
        <translation>视图名称（如：夜班超时）：</translation>
    </message>
    <message>
        <source>Search text, #case number or phone ({key})</source>
        <translation>搜索内容、#案件编号或手机号（{key}）</translation>
    </message>
    <message>
        <source>District: {name}</source>
        <translation>辖区：{name}</translation>
    </message>
    <message>
        <source>{n} chosen posts</source>
        <translation>选定的 {n} 条帖子</translation>
    </message>
</context>
<context>
    <name>HotspotReplyDialog</name>
    <message>
        <source>Answer {n} posts together</source>
        <translation>统一答复 {n} 条帖子</translation>
    </message>
    <message>
        <source>The same text goes to each of these posts as its own reply; each author sees only the reply to their own post. Words: {words}</source>
        <translation>同一段文字作为各帖子自己的答复分别发出，每位发帖人只看到对自己帖子的答复。关键词：{words}</translation>
    </message>
    <message>
        <source>(no template)</source>
        <translation>（不用模板）</translation>
    </message>
    <message>
        <source>The reply every author will read</source>
        <translation>每位发帖人都会看到的答复</translation>
    </message>
    <message>
        <source>Send to all</source>
        <translation>全部发送</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Write the reply first.</source>
        <translation>请先填写答复内容。</translation>
    </message>
    <message>
        <source>Could not be kept on this computer: {e}</source>
        <translation>无法保存在本机：{e}</translation>
    </message>
    <message>
        <source>The platform refused it.</source>
        <translation>平台拒绝了这条答复。</translation>
    </message>
    <message>
        <source>not sent yet</source>
        <translation>尚未发送</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>#{id}: {state}</source>
        <translation>#{id}：{state}</translation>
    </message>
    <message>
        <source>{sent} of {n} sent, {failed} failed, {sending} on the way.</source>
        <translation>已发送 {sent}/{n} 条，失败 {failed} 条，发送中 {sending} 条。</translation>
    </message>
    <message>
        <source>Send again to the failed</source>
        <translation>重发失败的帖子</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Wheel or Ctrl+plus/minus to zoom · Ctrl+0 fit · Ctrl+1 actual size · Esc close</source>
        <translation>滚轮或 Ctrl+加/减 缩放 · Ctrl+0 适应窗口 · Ctrl+1 原始大小 · Esc 关闭</translation>
    </message>
    <message>
        <source>Attachment: {name}</source>
        <translation>附件：{name}</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>Record a call, SMS, letter or visit</source>
        <translation>登记来电、短信、来信或来访</translation>
    </message>
    <message>
        <source>The caller&apos;s name</source>
        <translation>来电人姓名</translation>
    </message>
    <message>
        <source>Digits only, e.g. 13812345678</source>
        <translation>只填数字，如 13812345678</translation>
    </message>
    <message>
        <source>In a few words, e.g. neighbour&apos;s dog barks all night</source>
        <translation>简要概括，如：邻居家的狗整夜叫</translation>
    </message>
    <message>
        <source>What the citizen says (Ctrl+Enter records).</source>
        <translation>群众反映的情况（Ctrl+Enter 登记）。</translation>
    </message>
    <message>
        <source>As the caller says it, e.g. the crossing of Jiefang Road and Renmin Road</source>
        <translation>按来电人的说法，例如：解放路与人民路路口</translation>
    </message>
    <message>
        <source>Latitude, longitude — or F4 to mark it on the map</source>
        <translation>纬度，经度 —— 或按 F4 在地图上标出</translation>
    </message>
    <message>
        <source>Map… (F4)</source>
        <translation>地图… (F4)</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>板块</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>反映内容</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>位置点</translation>
    </message>
    <message>
        <source>Record (Enter)</source>
        <translation>登记（Enter）</translation>
    </message>
    <message>
        <source>Tab: next field · Enter: record · Esc: cancel</source>
        <translation>Tab 下一项 · Enter 登记 · Esc 取消</translation>
    </message>
    <message>
        <source>Enter the citizen&apos;s name.</source>
        <translation>请填写群众姓名。</translation>
    </message>
    <message>
        <source>The phone number should be 5 to 15 digits.</source>
        <translation>电话号码应为 5 到 15 位数字。</translation>
    </message>
    <message>
        <source>Choose a board.</source>
        <translation>请选择板块。</translation>
    </message>
    <message>
        <source>Enter a title.</source>
        <translation>请填写标题。</translation>
    </message>
    <message>
        <source>Write down what the citizen says.</source>
        <translation>请填写群众反映的情况。</translation>
    </message>
    <message>
        <source>The point should be latitude, longitude, e.g. 36.0712, 118.3521.</source>
        <translation>位置点应为“纬度，经度”，例如 36.0712, 118.3521。</translation>
    </message>
    <message>
        <source>Mark the address on the map (F4) or type its coordinates; the platform keeps a place only with its point. Or clear the address.</source>
        <translation>请在地图上标出该地址（F4）或输入其坐标：平台只保存带位置点的地点。也可以清空地址。</translation>
    </message>
    <message>
        <source>Discard this record?</source>
        <translation>放弃这条登记？</translation>
    </message>
    <message>
        <source>Discard what you have typed for this record?</source>
        <translation>放弃已填写的登记内容吗？</translation>
    </message>
</context>
<context>
    <name>LeaderWorklist</name>
    <message>
        <source>Leaders&apos; worklist</source>
        <translation>领导工作台</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>延至</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>督办期限</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>督办要求</translation>
    </message>
    <message>
        <source>By</source>
        <translation>督办人</translation>
    </message>
    <message>
        <source>Unit / case</source>
        <translation>单位 / 案件</translation>
    </message>
    <message>
        <source>Overdue by</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>派单时间</translation>
    </message>
    <message>
        <source>Approve (A)</source>
        <translation>批准 (A)</translation>
    </message>
    <message>
        <source>Reject (R)</source>
        <translation>驳回 (R)</translation>
    </message>
    <message>
        <source>Enter opens the case · A approve · R reject · F5 reload · Esc close</source>
        <translation>回车打开案件 · A 批准 · R 驳回 · F5 刷新 · Esc 关闭</translation>
    </message>
    <message>
        <source>Updated {t}</source>
        <translation>更新于 {t}</translation>
    </message>
    <message>
        <source>Extensions waiting ({n})</source>
        <translation>待审批延期（{n}）</translation>
    </message>
    <message>
        <source>Supervision ({n})</source>
        <translation>督办（{n}）</translation>
    </message>
    <message>
        <source>Overdue dispatches ({n})</source>
        <translation>签收超时派单（{n}）</translation>
    </message>
    <message>
        <source>Case {case} asks until {until}: {reason}</source>
        <translation>案件 {case} 申请延期至 {until}：{reason}</translation>
    </message>
    <message>
        <source>The decision could not be saved on this computer.</source>
        <translation>审批意见未能保存在本机，未发送。</translation>
    </message>
    <message>
        <source>Leaders&apos; worklist (Ctrl+J)</source>
        <translation>领导工作台 (Ctrl+J)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Duty Console — sign in</source>
        <translation>值班台 — 登录</translation>
    </message>
    <message>
        <source>Duty Console</source>
        <translation>值班台</translation>
    </message>
    <message>
        <source>Online police platform · duty officer workstation</source>
        <translation>网上公安局 · 值班民警工作台</translation>
    </message>
    <message>
        <source>e.g. 010001</source>
        <translation>如 010001</translation>
    </message>
    <message>
        <source>Remember me on this workstation</source>
        <translation>在本工作站记住登录</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <source>Badge number</source>
        <translation>警号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Local demo platform: invented data on this computer only. The demo officer is filled in; press Sign in.</source>
        <translation>本地演示平台：数据均为虚构，只存在于本机。已填好演示民警账号，直接点“登录”即可。</translation>
    </message>
    <message>
        <source>This computer has no usable system keyring, so the console cannot remember your sign-in: you will be asked for your password each time.</source>
        <translation>本机没有可用的系统密钥环，无法记住登录状态：每次启动都需要输入密码。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Local demo platform: starting (about a minute the first time)…</source>
        <translation>本地演示平台正在启动（首次启动需生成演示数据，约一分钟）…</translation>
    </message>
    <message>
        <source>Duty Console — sign in again</source>
        <translation>值班台 — 重新登录</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Enter the platform address.</source>
        <translation>请填写平台地址。</translation>
    </message>
    <message>
        <source>Enter your badge number.</source>
        <translation>请填写警号。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请填写密码。</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. You can try again in {n} s.</source>
        <translation>登录失败次数过多，请 {n} 秒后再试。</translation>
    </message>
    <message>
        <source>You can try to sign in again now.</source>
        <translation>现在可以再次登录。</translation>
    </message>
    <message>
        <source>Quit the Duty Console? Until someone signs in again, no silent-report alarm sounds at this workstation.</source>
        <translation>确定退出值班台吗？在有人重新登录之前，本工作站不会响起任何静默报警。</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>留下</translation>
    </message>
</context>
<context>
    <name>LoopPanel</name>
    <message>
        <source>Extension…</source>
        <translation>申请延期…</translation>
    </message>
    <message>
        <source>Lead unit: {unit}</source>
        <translation>主办：{unit}</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>回退…</translation>
    </message>
    <message>
        <source>Sign deadline: {time}</source>
        <translation>签收时限：{time}</translation>
    </message>
    <message>
        <source>Sign for</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Supervise…</source>
        <translation>督办…</translation>
    </message>
    <message>
        <source>The step could not be saved on this computer; nothing was sent.</source>
        <translation>该操作未能保存在本机，未发送任何内容。</translation>
    </message>
    <message>
        <source>Urge…</source>
        <translation>催办…</translation>
    </message>
    <message>
        <source>assisting: {units}</source>
        <translation>协办：{units}</translation>
    </message>
    <message>
        <source>not signed for yet</source>
        <translation>尚未签收</translation>
    </message>
    <message>
        <source>sign deadline passed {t} ago</source>
        <translation>签收已超时 {t}</translation>
    </message>
    <message>
        <source>signed for by {who} at {time}</source>
        <translation>{who} 于 {time} 签收</translation>
    </message>
    <message>
        <source>{t} left to sign for it</source>
        <translation>签收剩余 {t}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>&amp;Console</source>
        <translation>值班台(&amp;C)</translation>
    </message>
    <message>
        <source>Refresh queue</source>
        <translation>刷新队列</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark (night shift)</source>
        <translation>深色（夜班）</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>Open selected case</source>
        <translation>打开所选案件</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Back to the queue</source>
        <translation>回到队列</translation>
    </message>
    <message>
        <source>Record a call, SMS, letter or visit…</source>
        <translation>登记来电、短信、来信或来访…</translation>
    </message>
    <message>
        <source>Show mine</source>
        <translation>只看我的</translation>
    </message>
    <message>
        <source>Show my unit</source>
        <translation>只看本单位</translation>
    </message>
    <message>
        <source>Show all visible</source>
        <translation>查看全部</translation>
    </message>
    <message>
        <source>C&amp;ase</source>
        <translation>案件(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>统计看板</translation>
    </message>
    <message>
        <source>Callbacks due…</source>
        <translation>待回访…</translation>
    </message>
    <message>
        <source>Notices…</source>
        <translation>公告…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键一览</translation>
    </message>
    <message>
        <source>About Duty Console</source>
        <translation>关于值班台</translation>
    </message>
    <message>
        <source>The new language applies the next time the console starts.</source>
        <translation>新的界面语言将在下次启动值班台时生效。</translation>
    </message>
    <message>
        <source>{name} ({badge}) · {unit}</source>
        <translation>{name}（{badge}）· {unit}</translation>
    </message>
    <message>
        <source>Duty Console</source>
        <translation>值班台</translation>
    </message>
    <message>
        <source>Local demo platform</source>
        <translation>本地演示平台</translation>
    </message>
    <message>
        <source>Go to case number…</source>
        <translation>按案件编号查找…</translation>
    </message>
    <message>
        <source>Outbox…</source>
        <translation>发件箱…</translation>
    </message>
    <message>
        <source>Quit the Duty Console? Until it runs again, no silent-report alarm sounds at this workstation.</source>
        <translation>确定退出值班台吗？在重新打开之前，本工作站不会响起任何静默报警。</translation>
    </message>
    <message>
        <source>Sign out? Until someone signs in again, no silent-report alarm sounds at this workstation.</source>
        <translation>确定注销吗？在有人重新登录之前，本工作站不会响起任何静默报警。</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>留下</translation>
    </message>
</context>
<context>
    <name>MessageCard</name>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>✓ Sent</source>
        <translation>✓ 已送达</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <source>Waiting to resend ({reason})</source>
        <translation>等待重发（{reason}）</translation>
    </message>
    <message>
        <source>Failed ({reason})</source>
        <translation>发送失败（{reason}）</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>已放弃</translation>
    </message>
</context>
<context>
    <name>NoticesWindow</name>
    <message>
        <source>Notices</source>
        <translation>公告</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>发布范围</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>阅读数</translation>
    </message>
    <message>
        <source>Pinned (shown first)</source>
        <translation>置顶（排在最前）</translation>
    </message>
    <message>
        <source>Publish later at</source>
        <translation>定时发布于</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Area of</source>
        <translation>发布范围</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation>选择模板…</translation>
    </message>
    <message>
        <source>scheduled {time}</source>
        <translation>定时 {time}</translation>
    </message>
    <message>
        <source>A notice needs a title and a text.</source>
        <translation>公告需要填写标题和正文。</translation>
    </message>
    <message>
        <source>Personal data in a notice</source>
        <translation>公告中含有个人信息</translation>
    </message>
    <message>
        <source>This notice contains personal data:

{lines}

Everyone will be able to read it. Publish it anyway?</source>
        <translation>这条公告中含有个人信息：

{lines}

所有人都能看到。仍然发布吗？</translation>
    </message>
    <message>
        <source>Publish anyway</source>
        <translation>仍然发布</translation>
    </message>
    <message>
        <source>Published: {title}</source>
        <translation>已发布：{title}</translation>
    </message>
    <message>
        <source>Contact numbers</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Legal publicity</source>
        <translation>法治宣传</translation>
    </message>
    <message>
        <source>Prevention tip</source>
        <translation>安全防范</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>提醒告知</translation>
    </message>
    <message>
        <source>Rumour rebuttal</source>
        <translation>辟谣</translation>
    </message>
</context>
<context>
    <name>Officer</name>
    <message>
        <source>{name} ({badge})</source>
        <translation>{name}（{badge}）</translation>
    </message>
</context>
<context>
    <name>OfflineStrip</name>
    <message>
        <source>No connection to the platform since {time}: the queue and the case show what was known then and may be out of date. The console reconnects by itself.</source>
        <translation>自 {time} 起与平台断开连接：队列和案件显示的是当时的情况，可能已经过时。值班台会自动重新连接。</translation>
    </message>
    <message numerus="yes">
        <source>Waiting in your outbox, sent when the link is back: %n reply/action(s).</source>
        <translation>
            <numerusform>发件箱里有 %n 条回复或操作待发送，连接恢复后自动发出。</numerusform>
        </translation>
    </message>
    <message>
        <source>Outbox ({n})…</source>
        <translation>发件箱（{n}）…</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <source>Outbox</source>
        <translation>发件箱</translation>
    </message>
    <message>
        <source>Replies and actions you made that the platform has not received yet. They are sent in order as soon as it can be reached; a failed one waits for you.</source>
        <translation>您做出但平台尚未收到的回复和操作。平台一旦可达便按顺序发出；发送失败的一项会等您处理。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Nothing waits: everything has been delivered.</source>
        <translation>没有待发送的内容：全部已送达。</translation>
    </message>
    <message>
        <source>Send again now</source>
        <translation>立即重新发送</translation>
    </message>
    <message>
        <source>Cancel this item</source>
        <translation>取消此项</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>OutboxSender</name>
    <message>
        <source>An unexpected error occurred while sending (it is in the log); retry or contact the administrator.</source>
        <translation>发送时出现意外错误，已记录日志；请重试或联系管理员。</translation>
    </message>
</context>
<context>
    <name>PlacePicker</name>
    <message>
        <source>Place on the map</source>
        <translation>在地图上标出位置</translation>
    </message>
    <message>
        <source>Click the place, or move the cross with the arrow keys (+/- zoom) and press Space. Enter takes the point, Esc leaves without one.</source>
        <translation>点击该位置，或用方向键移动十字（+/- 缩放）后按空格。回车采用该点，Esc 不标点返回。</translation>
    </message>
    <message>
        <source>No point marked yet.</source>
        <translation>尚未标出位置点。</translation>
    </message>
    <message>
        <source>Take this point (Enter)</source>
        <translation>采用此点（回车）</translation>
    </message>
    <message>
        <source>{coordinates} · in the district of {station}</source>
        <translation>{coordinates} · 位于{station}辖区</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <source>1 Urgent</source>
        <translation>1 紧急</translation>
    </message>
    <message>
        <source>2 Pressing</source>
        <translation>2 加急</translation>
    </message>
    <message>
        <source>3 Normal</source>
        <translation>3 一般</translation>
    </message>
    <message>
        <source>4 Low</source>
        <translation>4 低</translation>
    </message>
</context>
<context>
    <name>PrivateMessages</name>
    <message>
        <source>Are you safe now? Can you reply by text?</source>
        <translation>你现在安全吗？能回复文字吗？</translation>
    </message>
    <message>
        <source>Ask:</source>
        <translation>询问：</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>群众</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Failed ({reason})</source>
        <translation>发送失败（{reason}）</translation>
    </message>
    <message>
        <source>How many of them are there? Do they have weapons?</source>
        <translation>对方几个人？有没有凶器？</translation>
    </message>
    <message>
        <source>How many?</source>
        <translation>几个人？</translation>
    </message>
    <message>
        <source>No private messages yet. Only the author would read them.</source>
        <translation>还没有私信。私信只有发帖人本人能看到。</translation>
    </message>
    <message>
        <source>No receipt: nothing is pushed; the reporter sees your messages on opening the report.</source>
        <translation>不回执：不推送提醒，报警人自己打开这条报警时才看到私信。</translation>
    </message>
    <message>
        <source>Not read yet</source>
        <translation>对方未读</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>民警</translation>
    </message>
    <message>
        <source>Police are on the way. Keep your phone silent and stay hidden.</source>
        <translation>民警正在赶来。请把手机调成静音，藏好别出声。</translation>
    </message>
    <message>
        <source>Private message · only the author reads it, never the public</source>
        <translation>私信 · 只有发帖人本人能看到，不会公开</translation>
    </message>
    <message>
        <source>Read by the citizen</source>
        <translation>对方已读</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Safe?</source>
        <translation>是否安全？</translation>
    </message>
    <message>
        <source>Send private message (Ctrl+Enter)</source>
        <translation>发送私信（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <source>Stay quiet</source>
        <translation>保持安静</translation>
    </message>
    <message>
        <source>The private messages of this case are not visible to you.</source>
        <translation>您无权查看这条案件的私信。</translation>
    </message>
    <message>
        <source>This console</source>
        <translation>本席位</translation>
    </message>
    <message>
        <source>This post was recorded by an officer; the citizen has no account and cannot receive private messages. Phone them on the recorded number.</source>
        <translation>这条帖子由民警代为登记，群众没有平台账号，收不到私信。请按登记的电话联系。</translation>
    </message>
    <message>
        <source>Where exactly are you: which building, which floor, what vehicle?</source>
        <translation>你具体在哪里？哪栋楼、几楼、什么车？</translation>
    </message>
    <message>
        <source>Where?</source>
        <translation>在哪里？</translation>
    </message>
</context>
<context>
    <name>PrivateSender</name>
    <message>
        <source>The private message could not be saved on this computer and was not sent; it is still in the composer.</source>
        <translation>私信无法保存到本机，未发送；内容仍在输入框中。</translation>
    </message>
</context>
<context>
    <name>QtClipPlayer</name>
    <message>
        <source>The recording cannot be played (audio device or file format problem).</source>
        <translation>录音无法播放（本机音频设备或文件格式有问题）。</translation>
    </message>
</context>
<context>
    <name>QtSoundPlayer</name>
    <message>
        <source>No audio output device found</source>
        <translation>未检测到音频输出设备</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Sound files missing: {names}</source>
        <translation>缺少声音文件：{names}</translation>
    </message>
    <message>
        <source>silent-report alarm</source>
        <translation>V报警警报音</translation>
    </message>
    <message>
        <source>escalation alarm</source>
        <translation>升级警报音</translation>
    </message>
    <message>
        <source>new-post chime</source>
        <translation>新帖提示音</translation>
    </message>
    <message>
        <source>link-lost tone</source>
        <translation>断线提示音</translation>
    </message>
    <message>
        <source>The {name} sound cannot be played; check the sound files and the output</source>
        <translation>无法播放“{name}”，请检查声音文件和音频输出设备</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Age</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>承办民警</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>板块</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>发帖人</translation>
    </message>
    <message>
        <source>Deadline: {time}</source>
        <translation>办理时限：{time}</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>帖子</translation>
    </message>
    <message>
        <source>Silent report</source>
        <translation>V报警</translation>
    </message>
    <message>
        <source>Silent report, acknowledged by {name}</source>
        <translation>V报警，已由{name}确认</translation>
    </message>
    <message>
        <source>Silent report, not yet acknowledged</source>
        <translation>V报警，尚未确认</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时限</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>late {t}</source>
        <translation>超时 {t}</translation>
    </message>
    <message>
        <source>{n} private answers from the citizen not read yet

</source>
        <translation>群众有 {n} 条私信回复尚未阅读

</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>%n working day(s)</source>
        <translation>%n 个工作日</translation>
    </message>
</context>
<context>
    <name>QueueSigning</name>
    <message>
        <source>Dispatched to your unit: sign for it (S in the case)</source>
        <translation>派给本单位：请签收（打开案件按 S）</translation>
    </message>
    <message>
        <source>Dispatched to your unit: sign for it by {time} (S in the case)</source>
        <translation>派给本单位：请在 {time} 前签收（打开案件按 S）</translation>
    </message>
    <message>
        <source>[sign overdue]</source>
        <translation>【签收超时】</translation>
    </message>
    <message>
        <source>[to sign]</source>
        <translation>【待签收】</translation>
    </message>
    <message>
        <source>sign late {t}</source>
        <translation>签收超时 {t}</translation>
    </message>
    <message>
        <source>sign {t}</source>
        <translation>签收 {t}</translation>
    </message>
    <message>
        <source>to sign</source>
        <translation>待签收</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Loading the queue…</source>
        <translation>正在加载队列…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>No posts match these filters.</source>
        <translation>没有符合筛选条件的帖子。</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>未能加载</translation>
    </message>
    <message numerus="yes">
        <source>%n+ post(s), more load as you scroll</source>
        <translation>
            <numerusform>已加载 %n+ 条，向下滚动加载更多</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n post(s)</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReceiptWarning</name>
    <message>
        <source>The reporter asked for no receipt</source>
        <translation>报警人要求不要回执</translation>
    </message>
    <message>
        <source>The reporter of this silent report asked for NO receipt. A public reply can reach their phone and be seen by the person they are hiding from: it may put them in danger.</source>
        <translation>这条V报警的报警人要求不要回执。公开回复会推送到报警人的手机上，可能被其正在躲避的人看到，使报警人陷入危险。</translation>
    </message>
    <message>
        <source>Write an internal note instead (Ctrl+2). Send the public reply only if you are sure the reporter is safe.</source>
        <translation>请改写内部备注（Ctrl+2）。只有在确认报警人安全时，才发送公开回复。</translation>
    </message>
    <message>
        <source>Send public reply anyway</source>
        <translation>仍然发送公开回复</translation>
    </message>
    <message>
        <source>Do not send</source>
        <translation>不发送</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <source>Outside your unit&apos;s responsibility: you can read it, not handle it</source>
        <translation>不属于本单位职责范围：可以查看，不能办理</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>Another officer</source>
        <translation>其他民警</translation>
    </message>
    <message>
        <source>Assisting: sign, then note your part</source>
        <translation>协办单位：签收后以备注记录协办情况</translation>
    </message>
    <message>
        <source>Held by {who}</source>
        <translation>由{who}办理中</translation>
    </message>
    <message>
        <source>This post changed while you were looking at it, so your “{what}” was not carried out; the page has been refreshed and your draft is kept.</source>
        <translation>您查看期间这条帖子已有变化，您的“{what}”未执行；页面已刷新，您的草稿仍保留。</translation>
    </message>
    <message>
        <source>another officer</source>
        <translation>其他民警</translation>
    </message>
    <message>
        <source>{who} accepted this post first; the page has been refreshed and your draft is kept.</source>
        <translation>{who}已先受理了这条帖子；页面已刷新，您的草稿仍保留。</translation>
    </message>
    <message>
        <source>{who} already acknowledged this silent report; the page has been refreshed and your draft is kept.</source>
        <translation>{who}已确认这条V报警；页面已刷新，您的草稿仍保留。</translation>
    </message>
    <message>
        <source>{who} has just done “{did}” on this post, so your “{what}” was not carried out; the page has been refreshed and your draft is kept.</source>
        <translation>{who}刚对这条帖子进行了“{did}”，您的“{what}”未执行；页面已刷新，您的草稿仍保留。</translation>
    </message>
    <message>
        <source>“{what}” was not carried out: {reason} Your draft is kept.</source>
        <translation>“{what}”未能执行：{reason}您的草稿仍保留。</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Reopen “{title}”: it goes back to in progress</source>
        <translation>重新打开“{title}”：将回到办理中</translation>
    </message>
    <message>
        <source>Reopen (Ctrl+Enter)</source>
        <translation>重新打开（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Reason (optional), e.g. the citizen says the problem is not solved</source>
        <translation>原因（可选），如：群众反映问题仍未解决</translation>
    </message>
    <message>
        <source>The reason is too long (at most {n} characters).</source>
        <translation>原因太长（最多 {n} 字）。</translation>
    </message>
</context>
<context>
    <name>ReplyEditor</name>
    <message>
        <source>Public reply</source>
        <translation>公开回复</translation>
    </message>
    <message>
        <source>The citizen and the public see it (Ctrl+1)</source>
        <translation>群众和公众都能看到（Ctrl+1）</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <source>Only officers see it (Ctrl+2)</source>
        <translation>只有民警能看到（Ctrl+2）</translation>
    </message>
    <message>
        <source>Insert a template. Tip: type its shortcut, e.g. /sl, then Tab.</source>
        <translation>插入回复模板。提示：输入模板快捷码（如 /sl）后按 Tab。</translation>
    </message>
    <message>
        <source>Ctrl+Enter send · @ mention · /shortcut + Tab template</source>
        <translation>Ctrl+Enter 发送 · @ 提及单位或民警 · /快捷码 + Tab 插入模板</translation>
    </message>
    <message>
        <source>Resolved: reopen the case (O) before a public reply; notes still go in</source>
        <translation>已办结：公开答复前请先重新打开（O）；内部备注仍可写</translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation>回复模板…</translation>
    </message>
    <message>
        <source>Not visible to the public</source>
        <translation>群众不可见</translation>
    </message>
    <message>
        <source>Visible to the citizen and the public</source>
        <translation>群众和公众可见</translation>
    </message>
    <message>
        <source>The reporter asked for NO receipt</source>
        <translation>报警人要求不回执</translation>
    </message>
    <message>
        <source>Save internal note (Ctrl+Enter)</source>
        <translation>保存内部备注（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Internal note for colleagues: the citizen never sees this.</source>
        <translation>写给同事的内部备注：群众永远看不到。</translation>
    </message>
    <message>
        <source>Send public reply (Ctrl+Enter)</source>
        <translation>发送公开回复（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Reply to the citizen. Everyone can read it.</source>
        <translation>回复群众，所有人都能看到。</translation>
    </message>
    <message>
        <source>{n} characters over the platform&apos;s limit</source>
        <translation>超出平台字数上限 {n} 字</translation>
    </message>
</context>
<context>
    <name>ReplySafety</name>
    <message>
        <source>ID-card number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Personal data in a public reply</source>
        <translation>公开回复中含有个人信息</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <source>Street address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>This public reply contains personal data:

{lines}

Everyone will be able to read it. Send it anyway?</source>
        <translation>这条公开回复中含有个人信息：

{lines}

所有人都能看到。仍然发送吗？</translation>
    </message>
</context>
<context>
    <name>ReportRow</name>
    <message>
        <source>ESCALATED</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>SILENT REPORT</source>
        <translation>V报警</translation>
    </message>
    <message>
        <source>Silent report #{id}</source>
        <translation>V报警 #{id}</translation>
    </message>
    <message>
        <source>no location sent</source>
        <translation>未提供位置</translation>
    </message>
    <message>
        <source> (±{m} m)</source>
        <translation>（±{m} 米）</translation>
    </message>
    <message>
        <source>Waiting {age}</source>
        <translation>已等待 {age}</translation>
    </message>
    <message>
        <source>Acknowledge ({keys})</source>
        <translation>确认接警（{keys}）</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认接警</translation>
    </message>
    <message>
        <source>Acknowledging…</source>
        <translation>正在确认…</translation>
    </message>
    <message>
        <source>Click to open the report</source>
        <translation>点击打开这条报警</translation>
    </message>
</context>
<context>
    <name>Return</name>
    <message>
        <source>Duplicate</source>
        <translation>重复件</translation>
    </message>
    <message>
        <source>Not enough information</source>
        <translation>信息不全</translation>
    </message>
    <message>
        <source>Not our jurisdiction</source>
        <translation>非本单位管辖</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return</source>
        <translation>回退</translation>
    </message>
    <message>
        <source>Return “{title}” to {unit}</source>
        <translation>将“{title}”回退给{unit}</translation>
    </message>
    <message>
        <source>Return (Enter)</source>
        <translation>回退（回车）</translation>
    </message>
    <message>
        <source>Reason code</source>
        <translation>回退原因</translation>
    </message>
    <message>
        <source>e.g. the address is in Hebin station&apos;s district</source>
        <translation>如：地址在河滨派出所辖区</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>回退理由（必填）</translation>
    </message>
    <message>
        <source>Say why the case goes back.</source>
        <translation>请写明回退理由。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Leaders&apos; worklist…</source>
        <translation>领导工作台…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Platform connection</source>
        <translation>平台连接</translation>
    </message>
    <message>
        <source>Empty: the local demo platform</source>
        <translation>留空：使用本机演示平台</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <source>Applies the next time the console starts.</source>
        <translation>下次启动值班台时生效。</translation>
    </message>
    <message>
        <source>Plain http:// sends passwords and reports unencrypted; use https:// for anything but this computer.</source>
        <translation>http:// 以明文传送密码和警情；除本机外请使用 https://。</translation>
    </message>
    <message>
        <source>Empty: the built-in list of authorities</source>
        <translation>留空：使用内置的证书颁发机构列表</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>受信任的证书</translation>
    </message>
    <message>
        <source>A PEM file with your organisation&apos;s certificate authorities, when the platform&apos;s certificate is issued by them. Certificate verification is always on and cannot be turned off.</source>
        <translation>平台证书由本单位的证书颁发机构签发时，在此选择包含这些机构证书的 PEM 文件。证书验证始终开启，不能关闭。</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>{n} %</source>
        <translation>{n}%</translation>
    </message>
    <message>
        <source>Test sound</source>
        <translation>试听</translation>
    </message>
    <message>
        <source>Plays the alarm once at this volume</source>
        <translation>以此音量播放一次警报声</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Mute the chime for new ordinary posts</source>
        <translation>普通新帖不响提示音</translation>
    </message>
    <message>
        <source>Every new post</source>
        <translation>所有新帖</translation>
    </message>
    <message>
        <source>Only posts of my unit</source>
        <translation>仅本单位的新帖</translation>
    </message>
    <message>
        <source>Chime for</source>
        <translation>提示音范围</translation>
    </message>
    <message>
        <source>Silent-report alarms can never be muted: they sound until someone acknowledges them, never quieter than {n} %.</source>
        <translation>V报警警报不能静音：在有人确认接警前会一直鸣响，音量不低于 {n}%。</translation>
    </message>
    <message>
        <source>Alert journal</source>
        <translation>警报记录</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Every alarm start, stop, acknowledgement and escalation is written here. Applies at the next sign-in.</source>
        <translation>每次警报的开始、停止、确认和升级都记入此文件。下次登录时生效。</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language applies the next time the console starts.</source>
        <translation>新的界面语言将在下次启动值班台时生效。</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark (night shift)</source>
        <translation>深色（夜班）</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>This run was started with {value} on the command line; it wins.</source>
        <translation>本次启动时命令行指定了 {value}，以命令行为准。</translation>
    </message>
    <message>
        <source>The settings could not be checked: {e}</source>
        <translation>无法检查设置：{e}</translation>
    </message>
    <message>
        <source>The server URL must start with https:// (or http://) and name a host.</source>
        <translation>平台地址须以 https://（或 http://）开头，并包含主机名。</translation>
    </message>
    <message>
        <source>The certificate file does not exist.</source>
        <translation>证书文件不存在。</translation>
    </message>
    <message>
        <source>The certificate file is not a PEM file of certificates.</source>
        <translation>该文件不是 PEM 格式的证书文件。</translation>
    </message>
    <message>
        <source>The certificate file cannot be used: {e}</source>
        <translation>证书文件无法使用：{e}</translation>
    </message>
    <message>
        <source>The alert journal needs a file.</source>
        <translation>请指定警报记录文件。</translation>
    </message>
    <message>
        <source>The alert journal file cannot be written: {e}</source>
        <translation>警报记录文件无法写入：{e}</translation>
    </message>
    <message>
        <source>The sound can be tested once you are signed in.</source>
        <translation>登录后才能试听。</translation>
    </message>
    <message>
        <source>Alarms cannot sound: {reason}</source>
        <translation>警报无法发声：{reason}</translation>
    </message>
    <message>
        <source>no audio output device found</source>
        <translation>未检测到音频输出设备</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines 文件 (*.jsonl);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键一览</translation>
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
        <translation>跳到队列第一条 / 最后一条</translation>
    </message>
    <message>
        <source>Home / End</source>
        <translation>Home / End</translation>
    </message>
    <message>
        <source>Leave the search box, back to the queue</source>
        <translation>离开搜索框，回到队列</translation>
    </message>
    <message>
        <source>Move a page at a time</source>
        <translation>整页上下翻动</translation>
    </message>
    <message>
        <source>Move through the queue</source>
        <translation>在队列中上下移动</translation>
    </message>
    <message>
        <source>Open the selected case</source>
        <translation>打开所选案件</translation>
    </message>
    <message>
        <source>PgUp / PgDown</source>
        <translation>PgUp / PgDown</translation>
    </message>
    <message>
        <source>Send the reply or note in the editor</source>
        <translation>发送编辑框中的回复或备注</translation>
    </message>
    <message>
        <source>Up / Down</source>
        <translation>↑ / ↓</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>New</source>
        <translation>待受理</translation>
    </message>
    <message>
        <source>Open (not resolved)</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已办结</translation>
    </message>
</context>
<context>
    <name>SuperviseDialog</name>
    <message>
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Put “{title}” under supervision</source>
        <translation>督办“{title}”</translation>
    </message>
    <message>
        <source>Supervise (Enter)</source>
        <translation>督办（回车）</translation>
    </message>
    <message>
        <source>Due (Beijing time)</source>
        <translation>督办期限（北京时间）</translation>
    </message>
    <message>
        <source>Instruction (required), e.g. verify on site and report in writing</source>
        <translation>督办要求（必填），如：实地核查并书面报告</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>督办要求</translation>
    </message>
    <message>
        <source>The due time must be in the future.</source>
        <translation>督办期限必须晚于现在。</translation>
    </message>
    <message>
        <source>Write the instruction.</source>
        <translation>请填写督办要求。</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Action: {name}</source>
        <translation>操作：{name}</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>群众</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Internal note · not visible to the public</source>
        <translation>内部备注 · 群众不可见</translation>
    </message>
    <message>
        <source>Public reply · visible to the citizen</source>
        <translation>公开回复 · 群众可见</translation>
    </message>
    <message>
        <source>Resolution · visible to the citizen</source>
        <translation>办结说明 · 群众可见</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>to {dst}</source>
        <translation>转至{dst}</translation>
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
        <translation>转办</translation>
    </message>
    <message>
        <source>Hand “{title}” to another unit</source>
        <translation>将“{title}”转给其他单位办理</translation>
    </message>
    <message>
        <source>Transfer (Ctrl+Enter)</source>
        <translation>转办（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Type to filter units, e.g. “station”, “heating”</source>
        <translation>输入单位名称筛选，如“派出所”“热力”</translation>
    </message>
    <message>
        <source>Reason (required), e.g. local jurisdiction, please verify and handle</source>
        <translation>转办理由（必填），如：属地管辖，请派出所核实处置</translation>
    </message>
    <message>
        <source>The selected unit leads; tick the units that assist it with Space.</source>
        <translation>选中的单位主办；按空格勾选协办单位（联办）。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>City bureau</source>
        <translation>市局</translation>
    </message>
    <message>
        <source>Specialised units</source>
        <translation>专业警种</translation>
    </message>
    <message>
        <source>Branches and stations</source>
        <translation>分局及派出所</translation>
    </message>
    <message>
        <source>Government departments (12345)</source>
        <translation>政府部门（12345）</translation>
    </message>
    <message>
        <source>Other units</source>
        <translation>其他单位</translation>
    </message>
    <message>
        <source>{name} (current unit)</source>
        <translation>{name}（当前单位）</translation>
    </message>
    <message>
        <source>Lead unit: {lead}</source>
        <translation>主办：{lead}</translation>
    </message>
    <message>
        <source> · assisting: {units}</source>
        <translation> · 协办：{units}</translation>
    </message>
    <message>
        <source> · priority kept: {p}</source>
        <translation> · 优先级保持：{p}</translation>
    </message>
    <message>
        <source>Choose the receiving unit.</source>
        <translation>请选择接收单位。</translation>
    </message>
    <message>
        <source>At most {n} assisting units.</source>
        <translation>协办单位最多 {n} 个。</translation>
    </message>
    <message>
        <source>Give a reason for the transfer.</source>
        <translation>请填写转办理由。</translation>
    </message>
    <message>
        <source>The reason is too long (at most {n} characters).</source>
        <translation>理由太长（最多 {n} 字）。</translation>
    </message>
    <message>
        <source>Choose the suggested unit</source>
        <translation>选择建议的单位</translation>
    </message>
    <message>
        <source>{name} (district of the location)</source>
        <translation>{name}（位置所在辖区）</translation>
    </message>
</context>
<context>
    <name>TriageSuggestion</name>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Suggested from past posts: {what} (board {sure} % sure)</source>
        <translation>根据以往帖子建议：{what}（板块把握 {sure}%）</translation>
    </message>
    <message>
        <source>board {board}</source>
        <translation>板块 {board}</translation>
    </message>
    <message>
        <source>priority {p}</source>
        <translation>优先级 {p}</translation>
    </message>
    <message>
        <source>unit {unit}</source>
        <translation>单位 {unit}</translation>
    </message>
</context>
<context>
    <name>UrgeDialog</name>
    <message>
        <source>Urge</source>
        <translation>催办</translation>
    </message>
    <message>
        <source>Urge {unit} on “{title}”</source>
        <translation>催办{unit}：“{title}”</translation>
    </message>
    <message>
        <source>Urge (Enter)</source>
        <translation>催办（回车）</translation>
    </message>
    <message>
        <source>e.g. the citizen has called three times, report progress by 17:00</source>
        <translation>如：群众已来电三次，请于17:00前反馈进展</translation>
    </message>
    <message>
        <source>Message to the unit</source>
        <translation>催办内容</translation>
    </message>
    <message>
        <source>Write what the unit must do.</source>
        <translation>请写明催办内容。</translation>
    </message>
</context>
<context>
    <name>WallAlarms</name>
    <message>
        <source>ESCALATED</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>NOT ACKNOWLEDGED</source>
        <translation>未确认接警</translation>
    </message>
    <message>
        <source>Silent report #{id} · {state} · waiting {age} · {words}</source>
        <translation>V报警 #{id} · {state} · 已等待 {age} · {words}</translation>
    </message>
</context>
</TS>
