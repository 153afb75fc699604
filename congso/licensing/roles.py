"""The licensing roles (registered from LicensingConfig.ready): the licensing officer
registers licences issued before the system, imports them and corrects details; the
licence-signing leader issues and signs, amends, suspends, reinstates and revokes.

The signing leader is a group of its own, not the one-stop desk's "Lãnh đạo Sở" (who
approves dossiers): a leader who does both is put in both groups. Issuing a licence from
a dossier also issues the dossier's result (`dossiers.services.dossier_issue_result`), so
this role holds `dossiers.issue_result_dossier` too; the desk's own roles are unchanged."""

from congso.accounts.roles import Role, registry

LICENSING_OFFICER = "Chuyên viên cấp phép"
LICENCE_SIGNER = "Lãnh đạo ký giấy phép"

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
        name=LICENCE_SIGNER,
        demo_username="kygiayphep",
        description=(
            "Lãnh đạo Sở được giao ký giấy phép: ký cấp, sửa đổi, bổ sung, đình chỉ, khôi phục "
            "hiệu lực và thu hồi giấy phép"
        ),
        permissions=(
            VIEW,
            "licensing.issue_licence",
            "licensing.amend_licence",
            "licensing.suspend_licence",
            "licensing.reinstate_licence",
            "licensing.revoke_licence",
            "dossiers.view_dossier",
            "dossiers.issue_result_dossier",
        ),
    ),
)

for role in ROLES:
    registry.register(role)
