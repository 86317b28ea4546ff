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
