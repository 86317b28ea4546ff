"""A private PostgreSQL cluster for the test session, and cheap databases cloned from a template.

`Cluster.start()` runs Debian's PostgreSQL 15 binaries (`apt-get install postgresql`,
which `scripts/setup.sh` does): `initdb` into a temporary folder, `pg_ctl start` on a
free loopback port with the socket in that folder, and `stop()` ends it with
``-m immediate``. initdb and the server refuse to run as root, so as root they run as
the `postgres` user (`runuser`), which owns the folder.

The cluster is made for tests, not for keeping data: `fsync=off` and
`synchronous_commit=off` (a crash loses it, which is fine for a throw-away cluster).
UTF8 with the `C.UTF-8` locale, whose character classes know CJK, so pg_trgm takes
trigrams of Chinese text.

`Cluster.create_database(name, template=...)` copies a template database
(`CREATE DATABASE ... TEMPLATE`): a few tens of milliseconds for a schema with its
reference data, instead of migrating and hashing demo passwords again.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

INSTALL_HINT = (
    "PostgreSQL 15 is not installed on this machine: the PostgreSQL tests need its server "
    "binaries. Run scripts/setup.sh (it runs `apt-get install postgresql`), or install the "
    "Debian package `postgresql` yourself."
)


def find_bindir() -> Path | None:
    """The folder with initdb/pg_ctl (Debian keeps them out of PATH), newest version first."""
    override = os.environ.get("PG_BINDIR")
    if override:
        return Path(override)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if found:
        return Path(found[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    """A running private cluster; connect as `postgres` over 127.0.0.1:`port` (trust)."""

    bindir: Path
    folder: Path
    port: int
    as_postgres: bool

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @property
    def socket_dir(self) -> Path:
        return self.folder / "sock"

    @classmethod
    def start(cls, *, prefix: str = "duty-pg-") -> Cluster:
        bindir = find_bindir()
        if bindir is None or not (bindir / "initdb").exists():
            raise RuntimeError(INSTALL_HINT)
        folder = Path(tempfile.mkdtemp(prefix=prefix))
        as_postgres = os.geteuid() == 0
        cluster = cls(bindir=bindir, folder=folder, port=_free_port(), as_postgres=as_postgres)
        cluster.socket_dir.mkdir()
        if as_postgres:
            folder.chmod(0o755)
            shutil.chown(folder, "postgres", "postgres")
            shutil.chown(cluster.socket_dir, "postgres", "postgres")
        cluster._run(
            "initdb",
            "-D",
            str(cluster.data_dir),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        cluster._pg_ctl_start()
        return cluster

    def _run(self, tool: str, *args: str, timeout: float = 120) -> None:
        cmd = [str(self.bindir / tool), *args]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr or done.stdout}")

    def _pg_ctl_start(self) -> None:
        options = " ".join(
            [
                f"-p {self.port}",
                f"-k {self.socket_dir}",
                "-c listen_addresses=127.0.0.1",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=300",
                "-c shared_buffers=128MB",
            ]
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data_dir),
            "-l",
            str(self.folder / "server.log"),
            "-o",
            options,
            "-w",
            "start",
        )

    def restart(self, mode: str = "fast") -> None:
        """Stop (closing every connection) and start again on the same port and data."""
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "stop")
        self._pg_ctl_start()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    # ------------------------------------------------------------ databases
    def url(self, database: str) -> str:
        """The SQLAlchemy URL of a database in this cluster."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def conninfo(self, database: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        """One statement outside a transaction (CREATE/DROP DATABASE need that)."""
        with psycopg.connect(self.conninfo(database), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self, name: str, *, template: str = "template0") -> str:
        """A new database (a copy of `template`); returns its SQLAlchemy URL."""
        deadline = time.monotonic() + 30
        while True:
            try:
                self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                break
            except psycopg.errors.ObjectInUse:
                # The template still has a closing connection; CREATE DATABASE needs none.
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
