"""The case pane's style sheet, in the current theme's colours."""

from __future__ import annotations

from console.views.theme import Colours


def case_style(c: Colours) -> str:
    """Banner, action bar, body and editor frame of the case pane."""
    return (
        f"#CaseBanner {{ background: {c.warn_bg}; border-bottom: 2px solid {c.note_edge}; }}"
        f" #CaseBannerText {{ color: {c.warn_text}; font-weight: bold; padding: 8px 4px; }}"
        f" #ActionBar {{ background: {c.panel}; border-bottom: 1px solid {c.border}; }}"
        + _buttons(c, "#ActionBar")
        + _buttons(c, "#LoopPanel")  # the handling loop's strip (case/loop.py)
        + f" #LoopPanel {{ background: {c.panel}; border-bottom: 1px solid {c.border}; }}"
        + f" #ActionState {{ color: {c.muted}; }}"
        f" #HiddenCharsWarning {{ background: {c.danger_bg}; border-radius: 4px; }}"
        f" #HiddenCharsText {{ color: {c.danger_text}; padding: 4px 6px; }}"
        f" #CaseBody {{ background: {c.surface}; color: {c.text}; border: 1px solid"
        f" {c.border}; border-radius: 6px; padding: 6px; font-size: 12pt; }}"
        f" #ReplyEditor {{ background: {c.panel}; border-top: 1px solid {c.border}; }}"
        f" #CasePlaceholder {{ color: {c.muted}; font-size: 13pt; }}"
    )


def _buttons(c: Colours, box: str) -> str:
    """The buttons of a bar of case actions (the action bar, the loop's strip)."""
    return (
        f" {box} QToolButton {{ background: {c.surface}; color: {c.reply_tag};"
        f" font-weight: bold; border: 1px solid {c.border}; border-radius: 6px;"
        " padding: 5px 14px; }"
        f" {box} QToolButton:hover {{ border-color: {c.accent}; }}"
        f" {box} QToolButton:focus {{ border: 2px solid {c.accent}; padding: 4px 13px; }}"
        f" {box} QToolButton:disabled {{ color: {c.muted}; background: {c.action_bg};"
        f" border-color: {c.border}; font-weight: normal; }}"
        f' {box} QToolButton[emphasis="main"] {{ background: {c.accent};'
        f" color: {c.accent_text}; border-color: {c.accent}; }}"
        f' {box} QToolButton[emphasis="alarm"] {{ background: {c.alarm};'
        f" color: {c.on_alarm}; border-color: {c.alarm}; }}"
    )


def mode_style(mode: str, c: Colours) -> dict[str, str]:
    """Style sheets of the strip, the text box and the send button in one mode."""
    if mode == "note":
        edge, paper, strip_fg, button = c.note_edge, c.note_paper, c.note_strip_text, c.note_button
        strip_bg, button_fg = c.note_strip, c.note_button_text
    else:
        edge, paper, strip_fg, button = c.accent, c.surface, c.accent_text, c.accent
        strip_bg, button_fg = c.accent, c.accent_text
    return {
        "strip": f"background: {strip_bg}; color: {strip_fg}; font-weight: bold;"
        " padding: 5px 10px; border-radius: 4px;",
        "edit": f"QPlainTextEdit {{ background: {paper}; color: {c.text};"
        f" border: 2px solid {edge}; border-radius: 6px; padding: 6px; }}"
        f" QPlainTextEdit:disabled {{ background: {c.action_bg}; color: {c.muted};"
        f" border: 2px dashed {c.border}; }}",
        "send": f"QPushButton {{ background: {button}; color: {button_fg};"
        f" border: 1px solid {button}; border-radius: 6px; padding: 6px 16px;"
        " font-weight: bold; }"
        f" QPushButton:disabled {{ background: {c.action_bg}; color: {c.muted};"
        f" border-color: {c.border}; }}",
        "on": f"background: {button}; color: {button_fg};",
        "off": f"background: {c.surface}; color: {c.muted};",
        "border": c.border,
    }
