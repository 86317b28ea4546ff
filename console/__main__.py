"""`duty-console`: the duty officer's desktop console (值班台).

With no server given it starts a local demo platform (invented data, on this
computer only) and signs in as the demo officer.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from console import __version__

PASSWORD_ENV = "DUTY_CONSOLE_PASSWORD"  # noqa: S105  (the variable's name, not a secret)

EPILOG = f"""\
environment:
  {PASSWORD_ENV}   password for --badge (sign in without the dialog)
  DUTY_CONSOLE_HOME       keep every user file (data, logs, settings) under this folder

examples:
  duty-console                                   local demo platform, demo officer
  duty-console --server https://platform.example.gov.cn
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
        help="start, sign in (demo officer, or --badge), open the main window, load the "
        "queue and exit 0; non-zero on any failure (used to check a packaged build)",
    )
    p.add_argument("--version", action="version", version=f"duty-console {__version__}")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.data_dir is not None:
        # console.paths reads this for every user file; set it before anything uses them.
        os.environ["DUTY_CONSOLE_HOME"] = str(args.data_dir.expanduser().resolve())
    password = os.environ.get(PASSWORD_ENV, "")
    if args.badge and not password:
        print(f"duty-console: --badge needs the password in {PASSWORD_ENV}", file=sys.stderr)
        return 2

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from console import paths
    from console.app import ConsoleApp, Options, apply_theme
    from console.crash import CrashHandler
    from console.embedded import DEMO_POSTS
    from console.i18n import install_translators, normalize_language
    from console.logging_setup import setup_logging
    from console.settings import Settings

    log_path = setup_logging(paths.log_dir())
    logging.getLogger(__name__).info("duty-console %s starting", __version__)
    QCoreApplication.setOrganizationName("DutyConsole")
    QCoreApplication.setApplicationName("duty-console")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(sys.argv[:1])
    crash = CrashHandler(log_path)
    crash.install()
    settings = Settings()
    lang = normalize_language(args.lang or str(settings.get("language")))
    translators = install_translators(app, lang)
    apply_theme(app, args.theme or str(settings.get("theme")))

    options = Options(
        server=(args.server or "").rstrip("/"),
        badge=args.badge or "",
        workstation=args.workstation or "",
        password=password,
        alert_journal=args.alert_journal,
        theme=args.theme,
        self_test=args.self_test,
        demo_posts=args.demo_posts if args.demo_posts is not None else DEMO_POSTS,
        simulate=not args.no_simulator,
    )
    controller = ConsoleApp(options, settings)
    controller.exit_requested.connect(app.exit)
    app.setWindowIcon(controller.icon)
    app.setQuitOnLastWindowClosed(False)  # the controller decides when the console ends
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
