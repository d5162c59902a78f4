"""Render deploy/nginx/govportal.conf (no Django needed).

    python -m govportal.prerender.nginx OUT_DIR --listen 127.0.0.1:8080 --upstream 127.0.0.1:8081 \
        --prerender-dir var/prerender --static-root var/static --media-root var/media \
        --private-root var/private

writes OUT_DIR/nginx.conf and OUT_DIR/proxy_params.conf, and creates the temp directories.
The security headers of the pre-rendered files come from the Django settings of the same
environment (`govportal.core.headers.nginx_directives`): bin/serve runs this with the
variables it gives gunicorn, so nginx's files carry what Django would have sent.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE = ROOT / "deploy" / "nginx" / "govportal.conf"
_VAR = re.compile(r"\$\{([A-Z_]+)\}")

PROXY_PARAMS = """proxy_http_version 1.1;
proxy_set_header Connection "";
proxy_set_header Host $http_host;
proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
proxy_set_header X-Forwarded-Proto $scheme;
proxy_set_header X-Real-IP $remote_addr;
proxy_read_timeout 120s;
proxy_redirect off;
# A GET or HEAD that an app server drops (its worker killed: error / 502) or refuses (503,
# not ready) is tried once more on the next server. nginx never retries a POST, PUT, PATCH
# or DELETE (no `non_idempotent` here): a letter sent twice would be two letters.
proxy_next_upstream error timeout http_502 http_503;
proxy_next_upstream_tries 2;
proxy_connect_timeout 5s;
"""


def render(values: dict[str, str]) -> str:
    # nginx spells its own variables ${uri} too: only upper-case names are ours. Comment
    # lines name the placeholders and stay as written (a value of several lines, such as
    # UPSTREAMS with two servers, would otherwise spill out of the comment).
    return "".join(
        line if line.lstrip().startswith("#") else _VAR.sub(lambda m: values[m.group(1)], line)
        for line in TEMPLATE.read_text().splitlines(keepends=True)
    )


def _security_from_settings() -> dict[str, str]:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govportal.config.settings")
    from govportal.core.headers import nginx_directives  # only once the settings module is chosen

    return nginx_directives()


def write(
    out: Path,
    *,
    listen: str,
    upstreams: list[str],
    prerender_dir: Path,
    static_root: Path,
    media_root: Path,
    private_root: Path | None = None,
    worker_processes: str = "auto",
    user: str | None = None,
    security: dict[str, str] | None = None,
) -> Path:
    """`private_root`: PRIVATE_MEDIA_ROOT of the app (default: "private" beside the media
    root, as the app's own default puts both under GOVPORTAL_VAR_DIR)."""
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (out / sub).mkdir(exist_ok=True)
    Path(prerender_dir).mkdir(parents=True, exist_ok=True)
    values = {
        "PREFIX": str(out),
        "LISTEN": listen,
        "UPSTREAMS": "\n        ".join(f"server {u};" for u in upstreams),
        "PRERENDER_DIR": str(Path(prerender_dir).resolve()),
        "STATIC_ROOT": str(Path(static_root).resolve()),
        "MEDIA_ROOT": str(Path(media_root).resolve()),
        "PRIVATE_MEDIA_ROOT": str(Path(private_root or Path(media_root).parent / "private").resolve()),
        "WORKER_PROCESSES": worker_processes,
        "USER_LINE": f"user {user};" if user else "",
        **(security if security is not None else _security_from_settings()),
    }
    (out / "proxy_params.conf").write_text(PROXY_PARAMS)
    conf = out / "nginx.conf"
    conf.write_text(render(values))
    return conf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--listen", required=True)
    parser.add_argument("--upstream", action="append", required=True)
    parser.add_argument("--prerender-dir", type=Path, required=True)
    parser.add_argument("--static-root", type=Path, required=True)
    parser.add_argument("--media-root", type=Path, required=True)
    parser.add_argument("--private-root", type=Path, default=None)
    parser.add_argument("--worker-processes", default="auto")
    args = parser.parse_args()
    conf = write(
        args.out,
        listen=args.listen,
        upstreams=args.upstream,
        prerender_dir=args.prerender_dir,
        static_root=args.static_root,
        media_root=args.media_root,
        private_root=args.private_root,
        worker_processes=args.worker_processes,
    )
    sys.stdout.write(f"{conf}\n")


if __name__ == "__main__":
    main()
