"""Why a staff action was refused. Each message is the Chinese sentence the person sees; none
repeats the input (a password, a name) that was refused."""

from __future__ import annotations

from collections.abc import Sequence


class StaffError(Exception):
    """Base of the staff domain's refusals; ``status_code`` is the HTTP status the web layer uses."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WeakPassword(StaffError):
    status_code = 422

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("密码强度不足：" + "；".join(problems))
        self.problems = tuple(problems)


class UnknownRole(StaffError):
    status_code = 422

    def __init__(self, allowed: Sequence[str]) -> None:
        super().__init__("角色不存在，可选角色：" + "、".join(allowed))


class InvalidUsername(StaffError):
    status_code = 422

    def __init__(self) -> None:
        super().__init__("用户名须为3到32位小写字母、数字、下划线、点或连字符，并以字母开头")


class UsernameTaken(StaffError):
    status_code = 409

    def __init__(self) -> None:
        super().__init__("该用户名已被使用")


class StaffNotFound(StaffError):
    status_code = 404

    def __init__(self) -> None:
        super().__init__("未找到该员工")


class LoginFailed(StaffError):
    """One message for an unknown name, a wrong password and a disabled account: the answer must
    not tell which names exist."""

    status_code = 401

    def __init__(self) -> None:
        super().__init__("用户名或密码不正确")


class LoginLocked(StaffError):
    status_code = 429

    def __init__(self, minutes: int) -> None:
        super().__init__(f"登录失败次数过多，请{minutes}分钟后再试")


class StaffNotAuthenticated(StaffError):
    status_code = 401

    def __init__(self) -> None:
        super().__init__("请先登录员工工作台")


class PermissionDenied(StaffError):
    status_code = 403

    def __init__(self, permission_label: str) -> None:
        super().__init__(f"您的角色没有“{permission_label}”的权限")


class RevealReasonRequired(StaffError):
    status_code = 422

    def __init__(self, minimum: int) -> None:
        super().__init__(f"查看完整信息前，请说明理由（至少{minimum}个字）")


class CannotDisableSelf(StaffError):
    status_code = 409

    def __init__(self) -> None:
        super().__init__("不能停用自己的账号")
