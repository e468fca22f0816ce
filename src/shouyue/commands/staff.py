"""``shouyue staff ...``: create, list and disable staff accounts of the console (P47, P50).

The password is read from a hidden prompt (asked twice) or, for scripts, from the first line of
standard input with ``--password-stdin``; it never appears on the command line or in the output.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import typer

from shouyue.commands.errors import friendly_errors
from shouyue.commerce.staff import service
from shouyue.commerce.staff.exceptions import StaffError
from shouyue.commerce.staff.roles import ROLE_LABELS, Role
from shouyue.db import session_scope
from shouyue.privacy.actors import Actor

app = typer.Typer(help="员工账号：创建、列出、停用。", no_args_is_help=True)

CLI_ACTOR = Actor.system("cli")
ROLE_HELP = "角色：" + "、".join(f"{r.value}（{ROLE_LABELS[r]}）" for r in Role)


def _refuse(exc: StaffError) -> typer.Exit:
    typer.echo(f"错误：{exc.message}", err=True)
    return typer.Exit(code=2)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    value: str = typer.prompt("密码", hide_input=True, confirmation_prompt="再次输入密码")
    return value


@app.command("create")
def create(
    username: str = typer.Option(..., "--username", help="登录用户名（小写字母开头）"),
    role: str = typer.Option(..., "--role", help=ROLE_HELP),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="从标准输入的第一行读取密码"),
) -> None:
    """Create a staff account; a weak password is refused with the reasons."""
    try:
        service.parse_role(role)  # before asking for a password that would be refused anyway
        password = _read_password(password_stdin)
        with friendly_errors(), session_scope() as session:
            staff = service.create(
                session=session, username=username, role=role, password=password, actor=CLI_ACTOR, now=datetime.now(UTC)
            )
            created = (staff.username, Role(staff.role).label, staff.id)
    except StaffError as exc:
        raise _refuse(exc) from None
    typer.echo(f"已创建员工账号 {created[0]}（角色：{created[1]}，编号 {created[2]}）")


@app.command("list")
def list_staff() -> None:
    """List staff accounts with their roles and state."""
    with friendly_errors(), session_scope() as session:
        rows = [
            (s.username, s.role, Role(s.role).label, "已停用" if s.disabled_at else "正常")
            for s in service.get_all(session=session)
        ]
    if not rows:
        typer.echo("暂无员工账号")
        return
    for username, role, label, state in rows:
        typer.echo(f"{username}\t{role}\t{label}\t{state}")


@app.command("disable")
def disable(username: str = typer.Option(..., "--username", help="要停用的员工用户名")) -> None:
    """Disable a staff account and end its sessions."""
    try:
        with friendly_errors(), session_scope() as session:
            staff = service.get_by_username_or_raise(session=session, username=username)
            service.disable(session=session, staff=staff, actor=CLI_ACTOR, now=datetime.now(UTC))
            name = staff.username
    except StaffError as exc:
        raise _refuse(exc) from None
    typer.echo(f"已停用员工账号 {name}，其登录会话已全部失效")
