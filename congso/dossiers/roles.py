"""The one-stop desk's roles (registered from DossiersConfig.ready), each with exactly the
permissions of its moves (workflow.TRANSITIONS). `manage.py demo_accounts` creates one
demo account per role; `dossiers.demo` puts the officers in the newsletter's division."""

from congso.accounts.roles import Role, registry

CLERK = "Bộ phận một cửa"
OFFICER = "Chuyên viên phòng"
HEAD = "Trưởng phòng"
LEADER = "Lãnh đạo Sở"

VIEW = "dossiers.view_dossier"

ROLES = (
    Role(
        name=CLERK,
        demo_username="motcua",
        description=(
            "Bộ phận tiếp nhận và trả kết quả: tiếp nhận hồ sơ trực tuyến và hồ sơ giấy, yêu cầu "
            "bổ sung, từ chối, chuyển phòng xử lý, trả kết quả"
        ),
        permissions=(
            VIEW,
            "dossiers.register_dossier",
            "dossiers.receive_dossier",
            "dossiers.refuse_dossier",
            "dossiers.assign_dossier",
            "dossiers.issue_result_dossier",
            "dossiers.return_dossier",
            "dossiers.withdraw_dossier",
        ),
    ),
    Role(
        name=OFFICER,
        demo_username="chuyenvien",
        description=(
            "Chuyên viên xử lý hồ sơ được giao: thẩm định, yêu cầu bổ sung, trình lãnh đạo, "
            "gửi phiếu xin lỗi và hẹn lại ngày trả kết quả"
        ),
        permissions=(
            VIEW,
            "dossiers.review_dossier",
            "dossiers.request_supplement_dossier",
            "dossiers.apologise_dossier",
        ),
    ),
    Role(
        name=HEAD,
        demo_username="truongphong",
        description="Trưởng phòng: giao hồ sơ cho chuyên viên trong phòng và xử lý như chuyên viên",
        permissions=(
            VIEW,
            "dossiers.assign_officer_dossier",
            "dossiers.review_dossier",
            "dossiers.request_supplement_dossier",
            "dossiers.apologise_dossier",
        ),
    ),
    Role(
        name=LEADER,
        demo_username="lanhdaoso",
        description="Lãnh đạo Sở: phê duyệt hoặc không phê duyệt kết quả giải quyết hồ sơ",
        permissions=(VIEW, "dossiers.approve_dossier"),
    ),
)

for role in ROLES:
    registry.register(role)
