"""Sound output behind a small interface: QtMultimedia in production, a fake in tests.

An alarm that cannot sound is itself an alarm: every player keeps ``output_ok`` and says
when it changes, so the console can show a permanent warning (see AlertBanner). The fake
that records what would have sounded lives with the tests (tests/helpers/fakes.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioDevice, QMediaDevices, QSoundEffect, QtAudio

log = logging.getLogger(__name__)

ALARM = "alarm"
ESCALATION = "escalation"
CHIME = "chime"
LINK_LOST = "link_lost"
SOUND_NAMES: tuple[str, ...] = (ALARM, ESCALATION, CHIME, LINK_LOST)


class SoundPlayer(QObject):
    """What the alert policy needs from a sound output.

    Sounds are named (``alarm``, ``escalation``, ``chime``, ``link_lost``); each name
    plays at most once at a time. A loop asked for while the output is broken is
    remembered and starts when the output comes back.

    Signals:
        output_failed(str): the output cannot sound; the argument is a sentence for people.
        output_state_changed(bool): ``output_ok`` changed.
    """

    output_failed = Signal(str)
    output_state_changed = Signal(bool)

    @property
    def output_ok(self) -> bool:
        raise NotImplementedError

    @property
    def failure_reason(self) -> str:
        """Why the output is broken ("" when it is fine)."""
        raise NotImplementedError

    def play_loop(self, name: str) -> None:
        raise NotImplementedError

    def play_once(self, name: str) -> None:
        raise NotImplementedError

    def stop(self, name: str | None = None) -> None:
        """Stop one sound, or every sound when ``name`` is None."""
        raise NotImplementedError

    def set_volume(self, percent: int) -> None:
        """0..100, perceived loudness (mapped to a logarithmic scale by the real player)."""
        raise NotImplementedError

    def is_playing(self, name: str) -> bool:
        raise NotImplementedError


def check_name(name: str) -> None:
    """ValueError for a sound this console does not have."""
    if name not in SOUND_NAMES:
        raise ValueError(f"unknown sound {name!r}")


def clamp_percent(percent: int) -> int:
    return max(0, min(100, int(percent)))


class QtSoundPlayer(SoundPlayer):
    """Plays the WAV files in ``sounds_dir`` with one preloaded QSoundEffect per sound.

    QSoundEffect is used rather than QMediaPlayer because it reports failure (status
    ``Error``) where QMediaPlayer pretends to play without a device, it loops without a
    gap, and a preloaded effect starts within milliseconds.

    Output health comes from two sources: QMediaDevices (is there any output at all,
    re-checked on ``audioOutputsChanged``) and each effect's status. When the default
    output changes, the effects are rebuilt on the new device and wanted loops restart.
    """

    def __init__(self, sounds_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dir = Path(sounds_dir)
        self._volume = 80
        self._loops: set[str] = set()  # loops wanted, whether or not they can sound now
        self._effects: dict[str, QSoundEffect] = {}
        self._device: QAudioDevice | None = None
        self._ok = True
        self._reason = ""
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._on_outputs_changed)
        self._on_outputs_changed()

    # ---------------------------------------------------------------- interface
    @property
    def output_ok(self) -> bool:
        return self._ok

    @property
    def failure_reason(self) -> str:
        return self._reason

    def play_loop(self, name: str) -> None:
        check_name(name)
        self._loops.add(name)
        effect = self._effects.get(name)
        if effect is None or effect.isPlaying():
            return
        effect.setLoopCount(QSoundEffect.Loop.Infinite.value)
        effect.play()

    def play_once(self, name: str) -> None:
        check_name(name)
        effect = self._effects.get(name)
        if effect is None or (name in self._loops and effect.isPlaying()):
            return
        effect.setLoopCount(1)
        effect.play()

    def stop(self, name: str | None = None) -> None:
        names = SOUND_NAMES if name is None else (name,)
        for n in names:
            check_name(n)
            self._loops.discard(n)
            effect = self._effects.get(n)
            if effect is not None:
                effect.stop()

    def set_volume(self, percent: int) -> None:
        self._volume = clamp_percent(percent)
        for effect in self._effects.values():
            effect.setVolume(self._linear_volume())

    def is_playing(self, name: str) -> bool:
        check_name(name)
        effect = self._effects.get(name)
        return effect is not None and effect.isPlaying()

    # ---------------------------------------------------------------- internals
    def _linear_volume(self) -> float:
        # Ears hear loudness logarithmically: a slider at 50 should sound half as loud.
        return float(
            QtAudio.convertVolume(
                self._volume / 100.0,
                QtAudio.VolumeScale.LogarithmicVolumeScale,
                QtAudio.VolumeScale.LinearVolumeScale,
            )
        )

    def _on_outputs_changed(self) -> None:
        outputs = QMediaDevices.audioOutputs()
        device = QMediaDevices.defaultAudioOutput()
        if not outputs or device.isNull():
            self._drop_effects()
            self._device = None
            self._set_state(False, self.tr("No audio output device found"))
            return
        if self._device is not None and device.id() == self._device.id() and self._effects:
            return
        self._device = device
        self._rebuild_effects(device)

    def _rebuild_effects(self, device: QAudioDevice) -> None:
        self._drop_effects()
        missing = [n for n in SOUND_NAMES if not (self._dir / f"{n}.wav").is_file()]
        if missing:
            shown = self.tr(", ").join(self._display_name(n) for n in missing)
            reason = self.tr("Sound files missing: {names}").format(names=shown)
            self._set_state(False, reason)
        else:
            self._set_state(True, "")
        for name in SOUND_NAMES:
            path = self._dir / f"{name}.wav"
            if not path.is_file():
                continue
            effect = QSoundEffect(device, self)
            effect.setVolume(self._linear_volume())
            effect.statusChanged.connect(lambda n=name: self._on_status(n))
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effects[name] = effect
        for name in list(self._loops):
            self.play_loop(name)
        log.info("audio output: %s", device.description())

    def _drop_effects(self) -> None:
        for effect in self._effects.values():
            effect.statusChanged.disconnect()
            effect.stop()
            effect.deleteLater()
        self._effects.clear()

    def _display_name(self, name: str) -> str:
        """What the officer calls a sound (the file stem is an internal name)."""
        names = {
            ALARM: self.tr("silent-report alarm"),
            ESCALATION: self.tr("escalation alarm"),
            CHIME: self.tr("new-post chime"),
            LINK_LOST: self.tr("link-lost tone"),
        }
        return names.get(name, name)

    def _on_status(self, name: str) -> None:
        effect = self._effects.get(name)
        if effect is None or effect.status() != QSoundEffect.Status.Error:
            return
        device = self._device.description() if self._device is not None else "?"
        log.error("QSoundEffect %s failed on %s", name, device)
        reason = self.tr("The {name} sound cannot be played; check the sound files and the output")
        self._set_state(False, reason.format(name=self._display_name(name)))

    def _set_state(self, ok: bool, reason: str) -> None:
        changed = ok != self._ok
        if not ok and not self._ok:
            return  # keep the first, most specific reason
        self._ok, self._reason = ok, reason
        if not ok:
            log.error("alarm sound output broken: %s", reason)
            self.output_failed.emit(reason)
        if changed:
            self.output_state_changed.emit(ok)
