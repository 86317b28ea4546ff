"""The console's own API client, signed in to a real platform on loopback."""

from __future__ import annotations

from console.api.client import PlatformClient
from platform_server.demo.reference_data import DEMO_OFFICER_BADGE, DEMO_PASSWORD
from tests.helpers.platform import RunningPlatform


def signed_in_client(
    target: RunningPlatform | str, badge: str = DEMO_OFFICER_BADGE, workstation: str = ""
) -> PlatformClient:
    """A PlatformClient logged in as `badge` (demo password) at `workstation`."""
    url = target.url if isinstance(target, RunningPlatform) else target
    ws = workstation or f"ws-{badge}"
    client = PlatformClient(url, workstation=ws)
    client.login(badge, DEMO_PASSWORD, ws)
    return client
