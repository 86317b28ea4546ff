"""`duty-console`: the duty officer's desktop console (值班台).

With no server given it starts a local demo platform (invented data, on this
computer only) and signs in as the demo officer.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from console import __version__

STARTED = time.monotonic()  # before the heavy (Qt) imports: --self-test times the window

PASSWORD_ENV = "DUTY_CONSOLE_PASSWORD"  # noqa: S105  (the variable's name, not a secret)

EPILOG = f"""\
environment:
  {PASSWORD_ENV}   password for --badge (sign in without the dialog)
  DUTY_CONSOLE_HOME       keep every user file (data, logs, settings) under this folder
  REQUESTS_CA_BUNDLE      trusted certificates when neither --ca-bundle nor Settings name any

examples:
  duty-console                                   local demo platform, demo officer
  duty-console --server https://platform.example.gov.cn
  duty-console --server https://platform.example.gov.cn --ca-bundle /etc/ssl/city-ca.pem
  duty-console --self-test                       check an installation (offscreen is fine)
  {PASSWORD_ENV}=... duty-console --server URL --badge 010001 --workstation 指挥大厅-3
"""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="duty-console",
        description="值班台 Duty Console — the workstation of the online police platform's "
        "duty officers. Without --server it runs a local demo platform with invented data.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--server",
        metavar="URL",
        help="platform to connect to, e.g. https://platform.example.gov.cn "
        "(default: the last one used; none: start the local demo platform)",
    )
    p.add_argument(
        "--ca-bundle",
        metavar="PEM",
        type=Path,
        help="certificate authorities (PEM file) trusted for the platform's TLS certificate, "
        "for this run (default: the one in Settings, else the built-in list); certificate "
        "verification itself is always on",
    )
    p.add_argument(
        "--badge",
        metavar="B",
        help=f"sign in as this badge number without the dialog; the password comes from "
        f"the environment variable {PASSWORD_ENV}",
    )
    p.add_argument(
        "--workstation",
        metavar="W",
        help="name of this workstation, recorded with every action (default: host name)",
    )
    p.add_argument(
        "--lang",
        choices=["zh_CN", "en"],
        help="interface language (default: the saved setting, Simplified Chinese)",
    )
    p.add_argument(
        "--theme",
        choices=["light", "dark", "system"],
        help="colour theme (default: the saved setting)",
    )
    p.add_argument(
        "--alert-journal",
        metavar="PATH",
        type=Path,
        help="JSON-lines file where every alarm start/stop, acknowledgement and escalation "
        "is written (default: alert-journal.jsonl in the log folder)",
    )
    p.add_argument(
        "--data-dir",
        metavar="PATH",
        type=Path,
        help="keep all user files (outbox, drafts, demo database, logs, settings) under PATH "
        "(same as DUTY_CONSOLE_HOME)",
    )
    p.add_argument(
        "--demo-posts",
        metavar="N",
        type=int,
        default=None,
        help="historical posts to seed the local demo platform with on first run (default 20000)",
    )
    p.add_argument(
        "--no-simulator",
        action="store_true",
        help="local demo platform without simulated citizens posting live",
    )
    p.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation step by step: start the platform (the local demo one "
        "with 300 posts unless --server), sign in (demo officer, or --badge), open the main "
        "window, the queue, a case and the dashboard, play the alarm; print each step and "
        "exit 0, or 1 naming the failing step. Uses a temporary folder for user files unless "
        "--data-dir or DUTY_CONSOLE_HOME is given (kept and printed when a step fails)",
    )
    p.add_argument("--version", action="version", version=f"duty-console {__version__}")
    return p


SELF_TEST_DEMO_POSTS = 300
# A small city over a short span, so that it always has open cases to list and open: the
# same 300 posts over 90 days left none an officer could see at some hours (its few
# posts of the last days all handled), and the self-test waited in vain.
SELF_TEST_DEMO_DAYS = 7


def _route_qt_messages() -> None:
    """Qt's own warnings (plugins, audio, fonts) go to the log file, where IT looks."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(mode: QtMsgType, context: Any, message: str) -> None:
        qt_log.log(levels.get(mode, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    scratch: Path | None = None
    if args.data_dir is not None:
        # console.paths reads this for every user file; set it before anything uses them.
        os.environ["DUTY_CONSOLE_HOME"] = str(args.data_dir.expanduser().resolve())
    elif args.self_test and not os.environ.get("DUTY_CONSOLE_HOME", "").strip():
        # A check of the installation must not seed a small demo city into the officer's
        # profile, nor touch their settings, outbox or drafts.
        scratch = Path(tempfile.mkdtemp(prefix="duty-console-self-test-"))
        os.environ["DUTY_CONSOLE_HOME"] = str(scratch)
    password = os.environ.get(PASSWORD_ENV, "")
    if args.badge and not password:
        print(f"duty-console: --badge needs the password in {PASSWORD_ENV}", file=sys.stderr)
        return 2
    code = _run(args, password)
    if scratch is not None:
        if code == 0:
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            print(f"self-test: the log and files of this run are kept in {scratch}", flush=True)
    return code


def _run(args: argparse.Namespace, password: str) -> int:
    from console import paths
    from console.logging_setup import setup_logging

    log_path = setup_logging(paths.log_dir())
    logging.getLogger(__name__).info(
        "duty-console %s starting%s", __version__, " (frozen)" if getattr(sys, "frozen", 0) else ""
    )
    _route_qt_messages()  # before QtMultimedia is imported: it talks while loading
    try:
        return _run_app(args, password, log_path)
    except Exception as exc:
        # Typically a module missing from a packaged build: say so where IT will look.
        logging.getLogger(__name__).exception("start-up failed")
        prefix = "self-test: FAILED at step 'start-up'" if args.self_test else "duty-console"
        print(f"{prefix}: {type(exc).__name__}: {exc} (log: {log_path})", flush=True)
        return 1


def _run_app(args: argparse.Namespace, password: str, log_path: Path) -> int:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from console.app import ConsoleApp
    from console.crash import CrashHandler
    from console.embedded import DEMO_DAYS, DEMO_POSTS
    from console.i18n import install_translators, normalize_language
    from console.options import Options
    from console.settings import Settings
    from console.views.theme import apply_theme

    QCoreApplication.setOrganizationName("DutyConsole")
    QCoreApplication.setApplicationName("duty-console")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(sys.argv[:1])
    from console.gc_guard import GuiThreadGarbageCollector

    # Worker threads (task pool, event stream, the embedded platform) must never be
    # the ones to run a collection that frees Qt objects.
    GuiThreadGarbageCollector(app)  # owned by the app: lives as long as it
    crash = CrashHandler(log_path)
    crash.install()
    settings = Settings()
    lang = normalize_language(args.lang or settings.language)
    translators = install_translators(app, lang)
    apply_theme(app, args.theme or settings.theme)

    if args.demo_posts is not None:
        demo_posts = args.demo_posts
    else:
        demo_posts = SELF_TEST_DEMO_POSTS if args.self_test else DEMO_POSTS
    options = Options(
        server=(args.server or "").rstrip("/"),
        badge=args.badge or "",
        workstation=args.workstation or "",
        password=password,
        alert_journal=args.alert_journal,
        theme=args.theme,
        self_test=args.self_test,
        demo_posts=demo_posts,
        demo_days=SELF_TEST_DEMO_DAYS if args.self_test else DEMO_DAYS,
        # the self-test's steps must not race simulated citizens
        simulate=not (args.no_simulator or args.self_test),
        ca_bundle=args.ca_bundle.expanduser().resolve() if args.ca_bundle else None,
    )
    controller = ConsoleApp(options, settings)
    controller.exit_requested.connect(app.exit)
    app.setWindowIcon(controller.icon)
    app.setQuitOnLastWindowClosed(False)  # the controller decides when the console ends
    if options.self_test:
        from console.selftest import start_self_test

        start_self_test(controller, started_at=STARTED).finished.connect(app.exit)
    controller.start()
    try:
        code = app.exec()
    finally:
        controller.shutdown()
        crash.uninstall()
        del translators
    return int(code)


if __name__ == "__main__":
    raise SystemExit(main())
