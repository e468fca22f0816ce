"""The ``shouyue`` command: one Typer app; each group lives in ``shouyue/commands/``."""

from __future__ import annotations

import typer

from shouyue.commands import audit, datamap, dev, keys, notice, pi, server
from shouyue.commands import staff as staff_commands
from shouyue.commerce.notifications.flows import announce_notice_version

app = typer.Typer(
    name="shouyue",
    help="Shouyue (守约): a social-commerce platform whose privacy notice is enforced by code.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(audit.app, name="audit")
app.add_typer(datamap.app, name="datamap")
app.add_typer(dev.app, name="dev")
app.add_typer(keys.app, name="keys")
app.add_typer(notice.app, name="notice")
app.add_typer(pi.app, name="pi")
app.add_typer(staff_commands.app, name="staff")
server.register(app)
# P71: every account hears of a new notice version in its inbox once the publication has committed.
notice.on_published.append(announce_notice_version)


if __name__ == "__main__":
    app()
