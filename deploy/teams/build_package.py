"""Builds the Teams app package (manifest.json, color.png, outline.png in one zip) for upload.

    .venv/bin/python deploy/teams/build_package.py --bot-id <Microsoft App ID> \
        --host justera.kommun.se --organisation "Exempel kommun" --website https://www.kommun.se

The manifest's placeholders are filled from the arguments; the result is checked (every
placeholder filled, ids are GUIDs, icons the sizes Teams demands) before the zip is written.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import uuid
import zipfile
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_icons import color_icon, outline_icon  # noqa: E402

GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
# A fixed namespace, so the same bot id always gives the same Teams app id (updates replace).
NAMESPACE = uuid.UUID("6f1c5a52-3d0e-4c1b-9a57-6a0c7d2e9b11")


def fill(template: str, values: dict[str, str]) -> dict:
    text = template
    for key, value in values.items():
        text = text.replace("${" + key + "}", value.replace('"', ""))
    left = re.findall(r"\$\{[A-Z_]+\}", text)
    if left:
        raise SystemExit(f"Platshållare kvar i manifestet: {', '.join(sorted(set(left)))}")
    return json.loads(text)


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def build(bot_id: str, host: str, organisation: str, website: str) -> bytes:
    if not GUID.match(bot_id):
        raise SystemExit("--bot-id ska vara Entra-appens klient-id (ett GUID).")
    if not re.match(r"^[a-z0-9.-]+$", host):
        raise SystemExit("--host ska vara värdnamnet utan https://, t.ex. justera.kommun.se")
    if not website.startswith("https://"):
        raise SystemExit("--website ska börja med https://")
    manifest = fill(
        (HERE / "manifest.template.json").read_text(encoding="utf-8"),
        {
            "TEAMS_APP_ID": str(uuid.uuid5(NAMESPACE, bot_id.lower())),
            "MICROSOFT_APP_ID": bot_id.lower(),
            "PUBLIC_HOST": host,
            "ORGANISATION": organisation,
            "WEBSITE_URL": website.rstrip("/"),
        },
    )
    color, outline = color_icon(), outline_icon()
    assert color.size == (192, 192) and outline.size == (32, 32)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        package.writestr("color.png", png(color))
        package.writestr("outline.png", png(outline))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bot-id", required=True, help="the Entra app's client id (GUID)")
    parser.add_argument("--host", required=True, help="the public host of /api/messages")
    parser.add_argument("--organisation", required=True)
    parser.add_argument("--website", required=True, help="https://… (privacy and terms below it)")
    parser.add_argument("--out", default="justera-teams.zip")
    args = parser.parse_args(argv)
    data = build(args.bot_id, args.host, args.organisation, args.website)
    Path(args.out).write_bytes(data)
    print(f"Appaketet är skrivet: {args.out} (ladda upp det i Teams administrationscenter)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
