"""The role that keeps the procedure catalogue (registered from ProceduresConfig.ready)."""

from congso.accounts.roles import Role, registry

PROCEDURE_MANAGER = "Cán bộ quản lý TTHC"

registry.register(
    Role(
        name=PROCEDURE_MANAGER,
        demo_username="qltthc",
        description=(
            "Quản lý danh mục thủ tục hành chính: thêm thủ tục, sửa phiên bản chưa có hồ sơ, "
            "tạo phiên bản mới khi quy định thay đổi"
        ),
        permissions=(
            "procedures.view_procedure",
            "procedures.add_procedure",
            "procedures.change_procedure",
            "procedures.view_procedureversion",
            "procedures.add_procedureversion",
            "procedures.change_procedureversion",
            # Only versions no dossier refers to can be deleted (viewsets.LockedVersionMixin).
            "procedures.delete_procedureversion",
        ),
    )
)
