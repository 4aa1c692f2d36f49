"""Directives written for the tests: the genre's shapes, not the bundled samples."""

HA_GIANG = """**ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG**

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc**

Số: 1234/UBND-KGVX
V/v triển khai chuyển đổi số năm 2024

Hà Giang, ngày 15 tháng 3 năm 2024

Kính gửi:

- Các sở, ban, ngành tỉnh;
- UBND các huyện, thành phố.

Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ; ngày 10/3/2024, UBND tỉnh đã tổ chức hội nghị sơ kết chuyển đổi số.

Để triển khai hiệu quả, Chủ tịch UBND tỉnh chỉ đạo như sau:

1. Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Nội vụ, Công an tỉnh xây dựng kế hoạch chuyển đổi số, trình UBND tỉnh trước ngày 30/4/2024.

2. Sở Tài chính tham mưu bố trí kinh phí thực hiện, hoàn thành trong tháng 6/2024.

3. UBND các huyện, thành phố:

a) Chỉ đạo UBND cấp xã thành lập Tổ công nghệ số cộng đồng, hoàn thành trong Quý II/2024.

b) Định kỳ hằng tháng, báo cáo kết quả về Sở Thông tin và Truyền thông trước ngày 25.

4. Đề nghị Công an tỉnh hướng dẫn làm sạch dữ liệu dân cư; báo cáo kết quả trước 14 giờ, ngày 05/12/2024.

5. Sở Nội vụ trong thời hạn 10 ngày kể từ ngày ban hành văn bản này tổng hợp danh sách cán bộ đầu mối.

6. Do tình hình thực tế, gia hạn thời gian trình kế hoạch chuyển đổi số tại mục 1 đến ngày 15/5/2024.

Nơi nhận:
- Như trên;
- Lưu: VT.

**KT. CHỦ TỊCH
PHÓ CHỦ TỊCH**

**Nguyễn Văn Sơn**
"""

TAN_LAC_PLAN = """ỦY BAN NHÂN DÂN
HUYỆN TÂN LẠC

Số: 88/KH-UBND

Tân Lạc, ngày 05 tháng 01 năm 2024

KẾ HOẠCH
Cải cách hành chính năm 2024

Căn cứ Kế hoạch số 12/KH-UBND ngày 20/12/2023 của UBND tỉnh Hòa Bình, UBND huyện ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao chất lượng phục vụ người dân, doanh nghiệp.

II. NHIỆM VỤ TRỌNG TÂM

1. Cải cách thể chế

Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành.

- Cơ quan chủ trì: Phòng Tư pháp.
- Cơ quan phối hợp: Văn phòng HĐND và UBND huyện.
- Thời gian hoàn thành: Quý III/2024.

2. Cải cách thủ tục hành chính

| TT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |
|---|---|---|---|---|
| 1 | Công khai 100% thủ tục hành chính trên Cổng dịch vụ công | Văn phòng HĐND và UBND huyện | Các cơ quan chuyên môn | Tháng 3/2024 |
| 2 | Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính | UBND các xã, thị trấn | Phòng Văn hóa và Thông tin | 30/6/2024 |

III. TỔ CHỨC THỰC HIỆN

1. Phòng Nội vụ

Là cơ quan thường trực, theo dõi, đôn đốc các cơ quan, đơn vị thực hiện Kế hoạch; tổng hợp, báo cáo UBND huyện định kỳ hằng quý.

2. Phòng Tài chính - Kế hoạch

Tham mưu bố trí kinh phí thực hiện Kế hoạch, trình UBND huyện chậm nhất ngày 15/02/2024.

3. Đối với UBND các xã, thị trấn: Xây dựng kế hoạch cải cách hành chính năm 2024 của đơn vị, gửi về Phòng Nội vụ trước ngày 20/01/2024.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Bùi Văn Quang
"""

BROKEN_PAGE = """ỦY BAN NHÂN DÂN
HUYỆN AN LÃO

Số: /UBND

An Lão, ngày   tháng 4 năm 2021

Ủy ban nhân dân huyện chỉ đạo:

1. Phòng Nội vụ

Chỉ đạo, triển khai thực hiện có hiệu quả công tác đánh giá cán bộ theo Nghị định số 90/2020/NĐ-CP ngày 13 tháng 8 năm 2020 của

¹ Xã xếp loại Tốt: Xã An Hòa.

Chính phủ về đánh giá CBCCVC. Giao Tổ kiểm tra, giám sát của huyện tăng cường kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính.

2. Ủy ban nhân dân các xã: An Hòa, An Tân, An Quang: nghiêm túc khắc phục ngay những tồn tại, báo cáo trước ngày 30/4/2021.

Nơi nhận:
- Như trên.

CHỦ TỊCH

Trần Văn Bình
"""
