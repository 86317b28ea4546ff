"""Attachments of a case: image thumbnails, a full-size viewer with zoom, audio clips.

Bytes are fetched and images decoded on workers (`TaskRunner`); only the finished
`QImage` crosses to the GUI thread, where it becomes a pixmap. Audio plays through
a `ClipPlayer` (console/views/case/clips.py) — a small seam so tests (and machines
without an audio device) use a fake while production uses `QtClipPlayer` — with
play/pause, stop and a progress bar under the tiles.

File names come from citizens and are shown through `safe_text`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence, QPainter, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console import safe_text
from console.api.models import Attachment
from console.tasks import Runner
from console.views.case.clips import PLAYING, ClipControls, ClipPlayer
from console.views.theme import colours

log = logging.getLogger(__name__)

THUMB = QSize(168, 112)
# A decoded image larger than this many pixels is refused (decompression bombs).
MAX_PIXELS = 60_000_000

Fetch = Callable[[int], tuple[bytes, str]]


def decode_image(data: bytes, thumb: QSize = THUMB) -> tuple[QImage, QImage]:
    """(full image, thumbnail) from encoded bytes; runs on a worker thread.

    Raises ValueError when the bytes are not an image Qt can read, or are too big.
    """
    image = QImage()
    if not image.loadFromData(data):
        raise ValueError("not a readable image")
    if image.width() * image.height() > MAX_PIXELS:
        raise ValueError("image too large")
    small = image.scaled(
        thumb, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    return image, small


def _size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{max(n // 1024, 1)} KB"


class _Tile(QToolButton):
    """One attachment: a thumbnail (or a play button for audio) with its file name."""

    def __init__(self, att: Attachment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attachment = att
        self.setObjectName("AttachmentTile")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setIconSize(THUMB)
        self.setFixedWidth(THUMB.width() + 20)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoRaise(False)
        name = safe_text.single_line(att.filename, 22)
        self.setToolTip(safe_text.tooltip(f"{att.filename}\n{_size_text(att.size)}"))
        # Text on a QToolButton is never rich text, so citizen file names are safe here.
        self.setText(name)


class AttachmentsView(QWidget):
    """A row of attachment tiles. Images open full size; audio clips play with controls.

    Signals:
        image_opened(int): the full-size viewer was opened for that attachment id.
        clip_started(int): playback of that attachment id was asked for.
        clip_playing(bool): a clip started playing (True) or paused or stopped (False).
        failed(str): an attachment could not be loaded or played (a Chinese sentence).

    Attributes:
        controls: play/pause, stop and progress of the clip (shown once one is played).
    """

    image_opened = Signal(int)
    clip_started = Signal(int)
    clip_playing = Signal(bool)
    failed = Signal(str)

    def __init__(
        self, fetch: Fetch, tasks: Runner, player: ClipPlayer, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._tasks = tasks
        self._player = player
        self._images: dict[int, QImage] = {}
        self._tiles: list[_Tile] = []
        self._generation = 0
        self._viewer: ImageViewer | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(8)
        self._row.addStretch(1)
        column.addLayout(self._row)
        self.controls = ClipControls(player, self)
        column.addWidget(self.controls)
        player.state_changed.connect(lambda state: self.clip_playing.emit(state == PLAYING))
        player.failed.connect(self.failed)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def tiles(self) -> list[QToolButton]:
        return list(self._tiles)

    def set_attachments(self, attachments: Sequence[Attachment]) -> None:
        """Show these attachments (replacing any shown) and start loading thumbnails."""
        same = [t.attachment.id for t in self._tiles] == [a.id for a in attachments]
        if same:
            return
        self._generation += 1
        for tile in self._tiles:
            self._row.removeWidget(tile)
            tile.hide()  # gone now, not at the next turn of the event loop
            tile.deleteLater()
        self._tiles = []
        self._images.clear()
        for att in attachments:
            tile = _Tile(att, self)
            self._row.insertWidget(self._row.count() - 1, tile)
            self._tiles.append(tile)
            if att.kind == "image":
                tile.setIcon(QPixmap())
                tile.setText(self.tr("Loading…") + "\n" + safe_text.single_line(att.filename, 22))
                tile.clicked.connect(lambda _=False, t=tile: self.open_image(t.attachment))
                self._load_thumbnail(tile, self._generation)
            else:
                tile.setText(
                    self.tr("▶ Play recording") + "\n" + safe_text.single_line(att.filename, 22)
                )
                tile.setIconSize(QSize(0, 0))
                tile.setMinimumHeight(64)
                tile.clicked.connect(lambda _=False, t=tile: self.play_clip(t.attachment))
        self.setVisible(bool(attachments))

    def _load_thumbnail(self, tile: _Tile, generation: int) -> None:
        att = tile.attachment

        def op() -> tuple[QImage, QImage]:
            data, _ctype = self._fetch(att.id)
            return decode_image(data)

        def done(result: tuple[QImage, QImage]) -> None:
            if generation != self._generation:
                return  # another case is shown now
            full, small = result
            self._images[att.id] = full
            tile.setIcon(QPixmap.fromImage(small))
            tile.setText(safe_text.single_line(att.filename, 22))

        def fail(exc: Exception) -> None:
            if generation != self._generation:
                return
            log.warning("attachment %s could not be shown: %r", att.id, exc)
            tile.setText(
                self.tr("Image cannot be shown") + "\n" + safe_text.single_line(att.filename, 22)
            )

        self._tasks.run(op, done, fail)

    def open_image(self, att: Attachment) -> None:
        image = self._images.get(att.id)
        if image is None:
            self.failed.emit(self.tr("The image has not finished loading, or cannot be shown."))
            return
        if self._viewer is None:
            self._viewer = ImageViewer(self)
        self._viewer.show_image(image, att.filename)
        self.image_opened.emit(att.id)

    def play_clip(self, att: Attachment) -> None:
        def fail(exc: Exception) -> None:
            log.warning("audio attachment %s could not be fetched: %r", att.id, exc)
            self.failed.emit(
                self.tr("The recording could not be downloaded; please try again shortly.")
            )

        self.controls.loaded(att.filename)
        self._tasks.run(
            lambda: self._fetch(att.id),
            lambda res: self._player.play(res[0], res[1] or att.content_type),
            fail,
        )
        self.clip_started.emit(att.id)

    def stop_audio(self) -> None:
        self._player.stop()
        self.controls.hide()


class _ZoomView(QGraphicsView):
    zoomed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(QColor(colours().viewer_bg))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.25**steps)
        event.accept()

    def zoom_by(self, factor: float) -> None:
        scale = self.transform().m11() * factor
        if 0.02 <= scale <= 32:
            self.scale(factor, factor)
        self.zoomed.emit(self.transform().m11())


class ImageViewer(QDialog):
    """The full-size image with zoom: wheel or Ctrl+± to zoom, Ctrl+0 to fit, Ctrl+1 for 100 %."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImageViewer")
        self.resize(1000, 760)
        self._scene = QGraphicsScene(self)
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._item)
        self.view = _ZoomView(self)
        self.view.setScene(self._scene)
        self._zoom_label = QLabel(self)
        self._zoom_label.setTextFormat(Qt.TextFormat.PlainText)
        hint = QLabel(
            self.tr(
                "Wheel or Ctrl+plus/minus to zoom · Ctrl+0 fit · Ctrl+1 actual size · Esc close"
            )
        )
        hint.setObjectName("ViewerHint")
        bar = QHBoxLayout()
        bar.addWidget(hint, 1)
        bar.addWidget(self._zoom_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.view.zoomed.connect(self._show_zoom)

        for keys, slot in (
            ((QKeySequence.StandardKey.ZoomIn, "Ctrl+="), lambda: self.view.zoom_by(1.25)),
            ((QKeySequence.StandardKey.ZoomOut,), lambda: self.view.zoom_by(0.8)),
            (("Ctrl+0",), self.fit),
            (("Ctrl+1",), self.actual_size),
        ):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(slot)
            self.addAction(action)

    def show_image(self, image: QImage, filename: str) -> None:
        name = safe_text.single_line(filename, 60)
        self.setWindowTitle(self.tr("Attachment: {name}").format(name=name))
        self._item.setPixmap(QPixmap.fromImage(image))
        self._scene.setSceneRect(self._item.boundingRect())
        self.show()
        self.raise_()
        self.activateWindow()
        self.fit()

    def zoom(self) -> float:
        return float(self.view.transform().m11())

    def fit(self) -> None:
        self.view.resetTransform()
        self.view.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
        if self.view.transform().m11() > 1:  # small images stay sharp at 100 %
            self.view.resetTransform()
        self._show_zoom(self.zoom())

    def actual_size(self) -> None:
        self.view.resetTransform()
        self._show_zoom(1.0)

    def _show_zoom(self, scale: float) -> None:
        self._zoom_label.setText(f"{scale * 100:.0f} %")
