"""The newsroom's roles (groups). Model permissions are declared here for `setup_roles`;
page, collection and workflow rights are set by `services.newsroom_setup`, because Wagtail
keeps them on the page tree and collections, not on the group.

| Group | Page rights on the news root | Workflow step |
|---|---|---|
| Tác giả / Cộng tác viên | add (so: edit their own items), submit for approval | — |
| Biên tập viên | add, change, lock, unlock (edit any item; not publish) | 1. editor review |
| Lãnh đạo duyệt tin | add, change, publish, lock, unlock | 2. final approval → live |
| Biên tập viên – Chuyển đổi số | add, change, lock on "Chuyển đổi số" only | 1. editor review |

Royalties (nhuận bút): the approving leader sees the monthly sheet and alone changes the
coefficients of a frozen royalty (`change_frozen_royalty`); the accountant (Kế toán) sees
the sheet, exports it, marks items paid and keeps the base-salary table; authors and
editors see no money.
"""

from congso.accounts.roles import Role, registry

AUTHOR = "Tác giả / Cộng tác viên"
EDITOR = "Biên tập viên"
APPROVER = "Lãnh đạo duyệt tin"
CATEGORY_EDITOR_DIGITAL = "Biên tập viên – Chuyển đổi số"
ACCOUNTANT = "Kế toán"

ROLES = (
    Role(
        name=AUTHOR,
        demo_username="tacgia",
        description="Viết tin bài, sửa bản nháp của mình và gửi duyệt; không xuất bản được",
        permissions=("newsroom.view_contributor", "newsroom.view_articletype"),
    ),
    Role(
        name=EDITOR,
        demo_username="bientap",
        description="Biên tập, sửa mọi tin bài và duyệt bước 1 (biên tập viên duyệt)",
        permissions=(
            "newsroom.view_contributor",
            "newsroom.add_contributor",
            "newsroom.change_contributor",
            "newsroom.view_articletype",
        ),
    ),
    Role(
        name=APPROVER,
        demo_username="lanhdao",
        description="Phê duyệt bước cuối và xuất bản tin bài (lãnh đạo phê duyệt)",
        permissions=(
            "newsroom.view_contributor",
            "newsroom.add_contributor",
            "newsroom.change_contributor",
            "newsroom.view_articletype",
            "newsroom.change_articletype",
            "newsroom.view_royalty",
            "newsroom.change_frozen_royalty",
            "newsroom.view_royaltychange",
            "newsroom.view_basesalary",
        ),
    ),
    Role(
        name=CATEGORY_EDITOR_DIGITAL,
        demo_username="bientap_cds",
        description="Biên tập viên chỉ sửa tin bài trong chuyên mục Chuyển đổi số",
        permissions=("newsroom.view_contributor", "newsroom.view_articletype"),
    ),
    Role(
        name=ACCOUNTANT,
        demo_username="ketoan",
        description="Lập bảng nhuận bút hằng tháng, xuất Excel/PDF, đánh dấu đã chi trả; "
        "cập nhật bảng lương cơ sở",
        permissions=(
            "newsroom.view_contributor",
            "newsroom.view_articletype",
            "newsroom.view_royalty",
            "newsroom.mark_royalty_paid",
            "newsroom.view_royaltychange",
            "newsroom.view_basesalary",
            "newsroom.add_basesalary",
            "newsroom.change_basesalary",
            "newsroom.delete_basesalary",
        ),
    ),
)


def register_roles() -> None:
    for role in ROLES:
        registry.register(role)
