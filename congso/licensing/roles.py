"""The licensing roles (registered from LicensingConfig.ready): the licensing officer
registers licences issued before the system, imports them, corrects details and drafts;
the department leader issues and signs, amends, suspends, reinstates and revokes. The
leader's group is the one-stop desk's "Lãnh đạo Sở" (the registry merges permissions);
issuing a licence from a dossier also issues the dossier's result, so the leader gets
`dossiers.issue_result_dossier` too."""

from congso.accounts.roles import Role, registry

LICENSING_OFFICER = "Chuyên viên cấp phép"
LEADER = "Lãnh đạo Sở"

VIEW = "licensing.view_licence"

ROLES = (
    Role(
        name=LICENSING_OFFICER,
        demo_username="capphep",
        description=(
            "Chuyên viên cấp phép: đăng ký giấy phép đã cấp trước khi có hệ thống, nhập từ "
            "bảng tính, sửa thông tin, chuẩn bị giấy phép trình lãnh đạo ký"
        ),
        permissions=(
            VIEW,
            "licensing.change_licence",
            "licensing.register_licence",
            "licensing.import_licences",
            "licensing.view_licencetype",
            "dossiers.view_dossier",
        ),
    ),
    Role(
        name=LEADER,
        demo_username="lanhdaoso",
        description="Lãnh đạo Sở: ký cấp, sửa đổi, đình chỉ, khôi phục và thu hồi giấy phép",
        permissions=(
            VIEW,
            "licensing.issue_licence",
            "licensing.amend_licence",
            "licensing.suspend_licence",
            "licensing.reinstate_licence",
            "licensing.revoke_licence",
            "dossiers.issue_result_dossier",
        ),
    ),
)

for role in ROLES:
    registry.register(role)
