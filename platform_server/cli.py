"""`platform-server`: serve, migrate, seed the demo city, simulate citizens, create officers.

``--db URL`` may come before or after the subcommand (``platform-server serve --db
URL``); without it ``PLATFORM_DB_URL``, and without that the embedded SQLite file.
``serve --workers N`` runs N server processes on one socket and one database (on
PostgreSQL; SQLite is for one process).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from typing import Any

from platform_server.config import ServerSettings
from platform_server.storage.models import ROLES


def _settings(args: argparse.Namespace) -> ServerSettings:
    s = ServerSettings(db_url=args.db or os.environ.get("PLATFORM_DB_URL", ""))
    if getattr(args, "escalation_seconds", None) is not None:
        s.escalation_seconds = args.escalation_seconds
    if getattr(args, "sqlite_synchronous", None):
        s.sqlite_synchronous = args.sqlite_synchronous
    s.trusted_proxies = tuple(getattr(args, "trusted_proxy", None) or ())
    s.docs = bool(getattr(args, "docs", False))
    if getattr(args, "archive_after_days", None) is not None:
        s.archive_after_days = args.archive_after_days
    return s


def cmd_serve(args: argparse.Namespace) -> int:
    from platform_server import workers

    settings = _settings(args)
    settings.demo = args.demo
    if args.workers < 1:
        print("--workers 必须至少为 1 / --workers must be at least 1", file=sys.stderr)
        return 2
    if args.workers > 1 and settings.resolved_db_url().startswith("sqlite"):
        print(
            "多个服务进程需要 PostgreSQL 数据库 / --workers above 1 needs PostgreSQL "
            "(--db postgresql+psycopg://...)",
            file=sys.stderr,
        )
        return 2
    workers.serve(settings, host=args.host, port=args.port, workers=args.workers)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from platform_server.storage import migrate
    from platform_server.storage.engines import open_database

    db = open_database(_settings(args).resolved_db_url(), create=False)
    try:
        before = migrate.upgrade(db.write_engine, args.revision)
    finally:
        db.dispose()
    target = migrate.head() if args.revision == "head" else args.revision
    print(f"schema at {target} (was {before or 'empty'})")
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from platform_server.demo.seed import seed_demo_city
    from platform_server.storage.engines import open_database

    settings = _settings(args)
    db = open_database(settings.resolved_db_url(), synchronous=settings.sqlite_synchronous)
    try:
        stats = seed_demo_city(db, posts=args.posts, seed=args.seed, days=args.days)
    finally:
        db.dispose()
    print(stats)
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from platform_server.demo.simulate import run_simulator

    stats = run_simulator(
        args.url,
        rate_per_minute=args.rate,
        silent_share=args.silent_share,
        duration=args.duration,
        seed=args.seed,
    )
    print(stats)
    return 0


def cmd_wave(args: argparse.Namespace) -> int:
    from platform_server.demo.wave import stage_wave

    made = stage_wave(
        args.url,
        kind=args.kind,
        station=args.station,
        posts=args.posts,
        minutes=args.minutes,
        seed=args.seed,
    )
    print(f"staged {len(made)} posts: {' '.join(str(p.post_id) for p in made)}")
    return 0 if made else 1


def cmd_create_officer(args: argparse.Namespace) -> int:
    from platform_server.domain import accounts
    from platform_server.errors import ApiError
    from platform_server.storage.engines import open_database

    password = os.environ.get("PLATFORM_OFFICER_PASSWORD") or getpass.getpass("密码 / password: ")
    settings = _settings(args)
    db = open_database(settings.resolved_db_url(), synchronous=settings.sqlite_synchronous)
    try:
        with db.writing() as s:
            accounts.create_officer(
                s,
                badge=args.badge,
                name=args.name,
                unit_code=args.unit,
                role=args.role,
                password=password,
            )
    except ApiError as err:
        print(err.message, file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(f"created officer {args.badge}")
    return 0


def cmd_archive(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from platform_server.domain import jobs
    from platform_server.storage.engines import open_database

    settings = _settings(args)
    db = open_database(settings.resolved_db_url(), synchronous=settings.sqlite_synchronous)
    total = 0
    try:
        while True:
            with db.writing() as s:
                n = jobs.archive_resolved(s, timedelta(days=args.older_than_days))
            total += n
            if n == 0:
                break
    finally:
        db.dispose()
    print(f"archived {total} post(s)")
    return 0


DB_HELP = (
    "database URL: sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST/DB "
    "(default: env PLATFORM_DB_URL, else SQLite in the user data dir)"
)


def _subcommand(sub: Any, name: str, **kw: Any) -> argparse.ArgumentParser:
    """A subcommand that also takes --db after its name (as the CLI was specified)."""
    s: argparse.ArgumentParser = sub.add_parser(name, **kw)
    # SUPPRESS: when not given here, the value given before the subcommand stays.
    s.add_argument("--db", default=argparse.SUPPRESS, help=DB_HELP)
    return s


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="platform-server", description=__doc__)
    p.add_argument("--db", help=DB_HELP)
    p.add_argument(
        "--sqlite-synchronous",
        choices=("NORMAL", "FULL"),
        default=None,
        help="SQLite durability: NORMAL (default) or FULL (each commit survives an OS crash)",
    )
    sub = p.add_subparsers(dest="cmd", required=True)

    s = _subcommand(sub, "serve", help="run the API server")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8460)
    s.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes sharing the port (PostgreSQL only; default 1)",
    )
    s.add_argument("--demo", action="store_true", help="announce the server as a demo platform")
    s.add_argument(
        "--escalation-seconds",
        type=float,
        default=None,
        help="escalate unacknowledged silent reports after this long (default 15)",
    )
    s.add_argument(
        "--trusted-proxy",
        action="append",
        metavar="ADDR",
        help="believe X-Forwarded-For/-Proto from this proxy address or network "
        "(repeatable; default: none)",
    )
    s.add_argument(
        "--docs", action="store_true", help="serve /docs (Swagger UI, no outside requests)"
    )
    s.add_argument(
        "--archive-after-days",
        type=float,
        default=None,
        help="archive resolved posts this many days after resolution (default 30; 0: never)",
    )
    s.set_defaults(func=cmd_serve)

    s = _subcommand(
        sub, "migrate", help="upgrade the database schema in place (servers also do it at start)"
    )
    s.add_argument("--revision", default="head", help="target revision (default: newest)")
    s.set_defaults(func=cmd_migrate)

    s = _subcommand(sub, "seed", help="create the demo city with historical posts")
    s.add_argument("--posts", type=int, default=20_000)
    s.add_argument("--days", type=int, default=90)
    s.add_argument("--seed", type=int, default=20261122)
    s.set_defaults(func=cmd_seed)

    s = sub.add_parser("simulate", help="post as live citizens through the public API")
    s.add_argument("--url", default="http://127.0.0.1:8460")
    s.add_argument("--rate", type=float, default=6.0, help="posts per minute")
    s.add_argument("--silent-share", type=float, default=0.05)
    s.add_argument("--duration", type=float, default=None, help="seconds; default: forever")
    s.add_argument("--seed", type=int, default=None)
    s.set_defaults(func=cmd_simulate)

    s = sub.add_parser("wave", help="stage a wave of alike posts in one district (hotspot demo)")
    s.add_argument("--url", default="http://127.0.0.1:8460")
    s.add_argument("--kind", default="heating", help="heating (暖气不热) or water (停水)")
    s.add_argument("--station", default="st-xiguan", help="the station whose district it hits")
    s.add_argument("--posts", type=int, default=12)
    s.add_argument("--minutes", type=float, default=5.0, help="spread over this long")
    s.add_argument("--seed", type=int, default=None)
    s.set_defaults(func=cmd_wave)

    s = _subcommand(
        sub,
        "create-officer",
        help="add an officer account (password from PLATFORM_OFFICER_PASSWORD or prompted)",
    )
    s.add_argument("--badge", required=True)
    s.add_argument("--name", required=True)
    s.add_argument("--unit", required=True, help="unit code")
    s.add_argument("--role", choices=ROLES, default="officer")
    s.set_defaults(func=cmd_create_officer)

    s = _subcommand(
        sub,
        "archive",
        help="archive posts resolved more than N days ago (run it daily, e.g. from cron)",
    )
    s.add_argument("--older-than-days", type=float, default=30.0)
    s.set_defaults(func=cmd_archive)
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
