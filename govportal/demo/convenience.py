"""Demo data of 便民服务 (旅游文化 and 便民服务目录), loaded by `govportal.demo.loader` after
the cluster.

- the city's culture and tourism bureau (示例市文化旅游广电局) with its three staff, the
  maintainer of 旅游文化 under the portal: scenic spots, heritage, events (this month and
  next, so the calendar shows them), routes and food, each with generated pictures and
  their alt text;
- ~40 directory entries over every category and the six townships, maintained by the
  agencies that license them (hotels and venues the bureau, shops the market regulator,
  hospitals the health commission, schools the education bureau, stations transport,
  service centres the townships themselves, banks the city government), with coordinates;
- one citizen 纠错 waiting for its agency.
Deterministic (``builder.rng``); small pictures (480×270) keep the step short (8 s measured on a machine at load 10, est. 2–3 s idle).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile

from wagtail.images import get_image_model

from govportal.cluster.models import SiteHomePage, SiteKind
from govportal.cluster.permissions import agency_collection, agency_groups
from govportal.convenience import actions
from govportal.convenience.models import (
    DirectoryCategory,
    DirectoryEntry,
    FoodPage,
    HeritagePage,
    ScenicSpotPage,
    TourismEventPage,
    TourismImage,
    TourismIndexPage,
    TourismRoutePage,
)
from govportal.core.models import Agency, AgencyKind, Role, User
from govportal.demo import images, registry

BUREAU = ("SLS-WLJ", "wlj", "示例市文化旅游广电局", "文旅广电局")
BUREAU_STAFF = [(Role.EDITOR, "罗", "文旅"), (Role.REVIEWER, "易", "晓岚"), (Role.LEADER, "贺", "建华")]

# Township code → (latitude, longitude) of its centre: the map's shape.
CENTRES = {
    "SLS-J-DC": (28.2010, 112.9820),
    "SLS-J-XH": (28.1950, 112.9310),
    "SLS-X-QS": (28.3120, 112.8620),
    "SLS-X-BS": (28.1180, 113.0460),
    "SLS-X-JQ": (28.2760, 113.0790),
    "SLS-X-LQ": (28.0820, 112.8730),
}

C = DirectoryCategory
# (category, township code, name, address, phone, hours, services, maintainer code or "town"/"city"/"bureau")
ENTRIES = [
    (
        C.HOTEL,
        "SLS-J-DC",
        "示例宾馆",
        "东城街道人民大道88号",
        "0731-82230888",
        "24小时",
        "客房、会议室、餐厅、免费停车",
        "bureau",
    ),
    (
        C.HOTEL,
        "SLS-J-DC",
        "东城锦江之星酒店",
        "东城街道解放路126号",
        "0731-82231666",
        "24小时",
        "客房、早餐、行李寄存",
        "bureau",
    ),
    (
        C.HOTEL,
        "SLS-J-XH",
        "西湖湖畔度假酒店",
        "西湖街道环湖路9号",
        "0731-82251999",
        "24小时",
        "湖景客房、温泉泳池、会议、婚宴",
        "bureau",
    ),
    (
        C.HOTEL,
        "SLS-X-LQ",
        "龙泉温泉山庄",
        "龙泉镇温泉路18号",
        "0731-82281118",
        "24小时",
        "温泉、客房、农家菜、停车场",
        "bureau",
    ),
    (
        C.HOTEL,
        "SLS-X-QS",
        "青山茶园民宿",
        "青山镇东坪村茶园组",
        "13907318821",
        "8:00-22:00（入住）",
        "民宿客房、采茶体验、茶艺",
        "bureau",
    ),
    (
        C.HOTEL,
        "SLS-X-BS",
        "白沙渔家客栈",
        "白沙镇河湾村沿河路3号",
        "13807312266",
        "24小时",
        "客房、渔家宴、垂钓",
        "bureau",
    ),
    (
        C.RESTAURANT,
        "SLS-J-DC",
        "老街口米粉店",
        "东城街道老街口12号",
        "0731-82236612",
        "6:00-14:00",
        "米粉、面条、卤味",
        "bureau",
    ),
    (
        C.RESTAURANT,
        "SLS-J-DC",
        "湘味小厨",
        "东城街道文化路45号",
        "0731-82237745",
        "10:30-21:30",
        "湘菜、包厢、外卖",
        "bureau",
    ),
    (
        C.RESTAURANT,
        "SLS-J-XH",
        "西湖藕粉老字号",
        "西湖街道湖滨路2号",
        "0731-82252202",
        "8:00-20:00",
        "藕粉、糕点、特产礼盒",
        "bureau",
    ),
    (
        C.RESTAURANT,
        "SLS-X-BS",
        "白沙小龙虾大排档",
        "白沙镇集镇中心街16号",
        "13973125516",
        "16:00-次日1:00（5-10月）",
        "小龙虾、河鲜、夜宵",
        "bureau",
    ),
    (
        C.RESTAURANT,
        "SLS-X-JQ",
        "金桥农家乐",
        "金桥乡桃源村桃花坞",
        "13575126688",
        "9:00-20:00",
        "农家菜、黄桃采摘、土菜外带",
        "bureau",
    ),
    (
        C.RESTAURANT,
        "SLS-X-LQ",
        "竹山笋宴馆",
        "龙泉镇竹山村村部旁",
        "13786152233",
        "10:00-20:30",
        "竹笋宴、腊味、山野菜",
        "bureau",
    ),
    (
        C.SHOPPING,
        "SLS-J-DC",
        "示例百货大楼",
        "东城街道人民大道100号",
        "0731-82238100",
        "9:00-22:00",
        "百货、服装、家电、餐饮",
        "SLS-SCJ",
    ),
    (
        C.SHOPPING,
        "SLS-J-DC",
        "步步高超市东城店",
        "东城街道解放路200号",
        "0731-82239200",
        "8:00-22:00",
        "生鲜、日用品、送货上门",
        "SLS-SCJ",
    ),
    (
        C.SHOPPING,
        "SLS-J-XH",
        "西湖农贸市场",
        "西湖街道菜市街1号",
        "0731-82253001",
        "5:30-18:30",
        "蔬菜、肉类、水产、粮油",
        "SLS-SCJ",
    ),
    (
        C.SHOPPING,
        "SLS-X-QS",
        "青山镇供销超市",
        "青山镇青山大道60号",
        "0731-82262060",
        "7:30-21:00",
        "日用品、农资、快递代收",
        "SLS-SCJ",
    ),
    (
        C.SHOPPING,
        "SLS-X-BS",
        "白沙商贸城",
        "白沙镇集镇中心街1号",
        "0731-82272001",
        "8:00-21:00",
        "服装、五金、家电",
        "SLS-SCJ",
    ),
    (
        C.ENTERTAINMENT,
        "SLS-J-DC",
        "示例市文化馆",
        "东城街道文化路2号",
        "0731-82230002",
        "周二至周日 9:00-17:00",
        "展览、公益培训、群众文艺演出",
        "bureau",
    ),
    (
        C.ENTERTAINMENT,
        "SLS-J-XH",
        "西湖电影院",
        "西湖街道湖滨路58号",
        "0731-82253058",
        "10:00-23:30",
        "数字影厅、IMAX",
        "bureau",
    ),
    (
        C.ENTERTAINMENT,
        "SLS-J-XH",
        "全民健身中心",
        "西湖街道体育路1号",
        "0731-82254001",
        "6:00-21:30",
        "游泳馆、羽毛球、篮球、健身房",
        "bureau",
    ),
    (
        C.ENTERTAINMENT,
        "SLS-X-LQ",
        "龙泉温泉公园",
        "龙泉镇温泉路1号",
        "0731-82281001",
        "9:00-22:00",
        "露天温泉、儿童戏水、步道",
        "bureau",
    ),
    (
        C.HOSPITAL,
        "SLS-J-DC",
        "示例市人民医院",
        "东城街道健康路1号",
        "0731-82230120",
        "门诊 8:00-17:30，急诊 24小时",
        "内外妇儿、急诊、体检、预约挂号",
        "SLS-WJW",
    ),
    (
        C.HOSPITAL,
        "SLS-J-XH",
        "示例市中医医院",
        "西湖街道杏林路6号",
        "0731-82255120",
        "门诊 8:00-17:30",
        "中医内科、针灸推拿、康复",
        "SLS-WJW",
    ),
    (
        C.HOSPITAL,
        "SLS-X-QS",
        "青山镇卫生院",
        "青山镇青山大道30号",
        "0731-82262120",
        "8:00-17:30，夜间值班",
        "门诊、预防接种、慢病随访",
        "SLS-WJW",
    ),
    (
        C.HOSPITAL,
        "SLS-X-BS",
        "白沙镇卫生院",
        "白沙镇健康街8号",
        "0731-82272120",
        "8:00-17:30，夜间值班",
        "门诊、住院、家庭医生签约",
        "SLS-WJW",
    ),
    (
        C.HOSPITAL,
        "SLS-X-LQ",
        "龙泉镇卫生院",
        "龙泉镇温泉路40号",
        "0731-82282120",
        "8:00-17:30",
        "门诊、中医馆、预防接种",
        "SLS-WJW",
    ),
    (
        C.SCHOOL,
        "SLS-J-DC",
        "示例市第一中学",
        "东城街道学府路1号",
        "0731-82230101",
        "工作日 8:00-17:30",
        "普通高中",
        "SLS-JYJ",
    ),
    (
        C.SCHOOL,
        "SLS-J-XH",
        "西湖实验小学",
        "西湖街道书院路18号",
        "0731-82256018",
        "工作日 8:00-17:30",
        "小学、课后服务",
        "SLS-JYJ",
    ),
    (
        C.SCHOOL,
        "SLS-X-QS",
        "青山镇中心学校",
        "青山镇青山大道12号",
        "0731-82262012",
        "工作日 8:00-17:30",
        "九年一贯制、寄宿",
        "SLS-JYJ",
    ),
    (
        C.SCHOOL,
        "SLS-X-JQ",
        "金桥乡中心幼儿园",
        "金桥乡金桥街8号",
        "0731-82292008",
        "工作日 7:30-17:30",
        "普惠性幼儿园",
        "SLS-JYJ",
    ),
    (
        C.SERVICE_CENTRE,
        "SLS-J-DC",
        "东城街道便民服务中心",
        "东城街道人民大道66号",
        "0731-82230066",
        "工作日 8:30-12:00，14:30-17:30",
        "社保、医保、民政、计生、户籍咨询",
        "town",
    ),
    (
        C.SERVICE_CENTRE,
        "SLS-J-XH",
        "西湖街道便民服务中心",
        "西湖街道湖滨路30号",
        "0731-82253030",
        "工作日 8:30-12:00，14:30-17:30",
        "社保、医保、民政、老年优待证",
        "town",
    ),
    (
        C.SERVICE_CENTRE,
        "SLS-X-QS",
        "青山镇便民服务中心",
        "青山镇青山大道56号",
        "0731-82262056",
        "工作日 8:30-12:00，14:30-17:30",
        "社保、农保、农机补贴、危房改造申请",
        "town",
    ),
    (
        C.SERVICE_CENTRE,
        "SLS-X-BS",
        "白沙镇便民服务中心",
        "白沙镇集镇中心街20号",
        "0731-82272020",
        "工作日 8:30-12:00，14:30-17:30",
        "社保、医保、渔船登记咨询",
        "town",
    ),
    (
        C.SERVICE_CENTRE,
        "SLS-X-LQ",
        "龙泉镇便民服务中心",
        "龙泉镇温泉路3号",
        "0731-82282003",
        "工作日 8:30-12:00，14:30-17:30",
        "社保、医保、林权登记咨询",
        "town",
    ),
    (
        C.BANK,
        "SLS-J-DC",
        "中国农业银行示例市分行营业部",
        "东城街道人民大道90号",
        "95599",
        "9:00-17:00（周末 9:30-16:00）",
        "存取款、贷款、社保卡",
        "city",
    ),
    (
        C.BANK,
        "SLS-X-BS",
        "示例农商银行白沙支行",
        "白沙镇集镇中心街9号",
        "0731-82272009",
        "工作日 8:30-17:00",
        "存取款、助农取款、惠农贷款",
        "city",
    ),
    (
        C.BANK,
        "SLS-X-JQ",
        "示例农商银行金桥分理处",
        "金桥乡金桥街15号",
        "0731-82292015",
        "工作日 8:30-17:00",
        "存取款、社保卡激活",
        "city",
    ),
    (
        C.STATION,
        "SLS-J-DC",
        "示例市汽车总站",
        "东城街道站前路1号",
        "0731-82230999",
        "6:00-20:00",
        "省内班线、城乡公交、行李寄存",
        "SLS-JTJ",
    ),
    (
        C.STATION,
        "SLS-J-XH",
        "示例市高铁站",
        "西湖街道高铁大道1号",
        "12306",
        "5:30-23:30",
        "高铁、公交换乘、出租车",
        "SLS-JTJ",
    ),
    (
        C.STATION,
        "SLS-X-LQ",
        "龙泉镇汽车站",
        "龙泉镇温泉路66号",
        "0731-82282066",
        "6:30-18:30",
        "城乡公交、旅游专线",
        "SLS-JTJ",
    ),
]

TOURISM = [
    (
        ScenicSpotPage,
        "青山云雾茶园景区",
        {
            "level": "国家AAAA级旅游景区",
            "summary": "万亩茶园依山而建，春季采茶、秋季观云，是市民周末出游的首选。",
            "opening_hours": "8:00-18:00（全年开放）",
            "tickets": "成人40元，学生、60岁以上老人半价，6岁以下儿童免票",
            "address": "青山镇东坪村",
            "lat": (28.3190, 112.8510),
            "transport": "市汽车总站乘坐城乡公交12路至东坪村站，步行约10分钟；自驾导航“青山云雾茶园”。",
            "phone": "0731-82262888",
            "body": "<p>茶园海拔六百余米，常年云雾缭绕，所产青山云雾茶为国家地理标志产品。园内设观景台、茶文化展示馆和采茶体验区，清明前后可参加手工制茶体验。</p>",
        },
        ["清晨云雾笼罩的青山茶园梯田", "游客在茶园步道上采摘春茶"],
    ),
    (
        ScenicSpotPage,
        "西湖湿地公园",
        {
            "level": "国家湿地公园",
            "summary": "城区西侧的湖泊湿地，环湖步道十二公里，是观鸟和骑行的好去处。",
            "opening_hours": "全天开放；游客中心 8:30-17:30",
            "tickets": "免费",
            "address": "西湖街道环湖路",
            "lat": (28.1920, 112.9240),
            "transport": "公交3路、15路至西湖公园站；高铁站打车约10分钟。",
            "phone": "0731-82251000",
            "body": "<p>湿地记录鸟类一百四十余种，冬季有大批候鸟越冬。园内设自行车租赁点、科普馆和无障碍步道。</p>",
        },
        ["西湖湿地的木栈道和芦苇荡", "落日时分的西湖湖面"],
    ),
    (
        ScenicSpotPage,
        "龙泉温泉小镇",
        {
            "level": "省级旅游度假区",
            "summary": "天然温泉出水温度58℃，竹海、古村与温泉康养融为一体。",
            "opening_hours": "温泉公园 9:00-22:00",
            "tickets": "温泉公园成人98元，儿童（1.2米以下）免票",
            "address": "龙泉镇温泉路1号",
            "lat": (28.0850, 112.8700),
            "transport": "市汽车总站乘旅游专线至龙泉镇汽车站，步行5分钟。",
            "phone": "0731-82281001",
            "body": "<p>小镇保留明清古街一条，沿街有竹编、竹雕作坊；周边竹山村万亩竹海可徒步。</p>",
        },
        ["龙泉温泉小镇的露天温泉池", "竹海间的龙泉古街"],
    ),
    (
        HeritagePage,
        "东城剪纸",
        {
            "heritage_level": "省级非物质文化遗产代表性项目",
            "summary": "以红纸剪出花鸟、戏曲和节令人物，线条细密，寓意吉祥。",
            "opening_hours": "传习所 周二至周日 9:00-17:00",
            "tickets": "免费参观；体验课 每人20元（材料费）",
            "address": "东城街道老街口非遗传习所",
            "lat": (28.2040, 112.9850),
            "transport": "公交1路、6路至老街口站。",
            "phone": "0731-82236600",
            "body": "<p>东城剪纸已有三百余年历史。传习所常年开设公益课程，每周六上午由代表性传承人授课，欢迎中小学生报名。</p>",
        },
        ["传承人正在剪制一幅戏曲人物剪纸", "传习所展出的节令剪纸作品"],
    ),
    (
        HeritagePage,
        "白沙古渡",
        {
            "heritage_level": "市级文物保护单位",
            "summary": "清代商船停泊的古码头，石阶、系缆石和古樟保存完整。",
            "opening_hours": "全天开放",
            "tickets": "免费",
            "address": "白沙镇河湾村沿河路",
            "lat": (28.1150, 113.0500),
            "transport": "公交9路至白沙镇站，沿河步行约15分钟。",
            "body": "<p>古渡始建于清乾隆年间，曾是湘江支流上重要的货物集散地。码头旁的古樟树龄逾四百年。</p>",
        },
        ["白沙古渡的石阶码头和古樟树"],
    ),
    (
        TourismEventPage,
        "青山春茶开采节",
        {
            "summary": "开采仪式、手工制茶比赛和茶艺表演，游客可免费参加采茶体验。",
            "opening_hours": "9:00-16:00",
            "tickets": "免费",
            "address": "青山镇东坪村青山云雾茶园",
            "lat": (28.3180, 112.8520),
            "transport": "活动期间市汽车总站每小时发一班直达专线。",
            "phone": "0731-82262056",
            "days": (3, 2),
            "body": "<p>活动由青山镇人民政府和市文化旅游广电局共同主办，现场设特产展销区。</p>",
        },
        ["春茶开采节的手工制茶比赛现场"],
    ),
    (
        TourismEventPage,
        "西湖龙舟赛",
        {
            "summary": "全市各乡镇街道龙舟队同场竞技，湖岸设观赛区和非遗展示。",
            "opening_hours": "8:30-12:00",
            "tickets": "免费",
            "address": "西湖湿地公园南岸",
            "lat": (28.1880, 112.9260),
            "transport": "比赛当天环湖路部分路段交通管制，请乘坐公交3路、15路。",
            "days": (12, 0),
            "body": "<p>观赛请遵守现场秩序，湖岸设有医疗点和饮水点。</p>",
        },
        ["西湖龙舟赛上奋力划桨的龙舟队"],
    ),
    (
        TourismEventPage,
        "非遗剪纸进社区展演",
        {
            "summary": "剪纸传承人走进社区现场教学，展出新春剪纸作品百余幅。",
            "opening_hours": "14:30-17:00",
            "tickets": "免费",
            "address": "东城街道东门社区文化活动中心",
            "lat": (28.2060, 112.9880),
            "transport": "公交1路至东门站。",
            "days": (34, 1),
            "body": "<p>现场提供剪纸材料，适合亲子参加。</p>",
        },
        ["社区居民跟随传承人学习剪纸"],
    ),
    (
        TourismRoutePage,
        "茶香温泉两日游",
        {
            "summary": "第一天茶园采茶、民宿住宿，第二天竹海徒步、温泉康养。",
            "duration": "两天一夜",
            "itinerary": "第一天上午：青山云雾茶园采茶、茶文化展示馆\n第一天下午：东坪村手工制茶体验，入住茶园民宿\n第二天上午：竹山村竹海徒步、品尝竹笋宴\n第二天下午：龙泉温泉公园泡汤，乘旅游专线返城",
            "tickets": "景区门票另计",
            "transport": "自驾全程约90公里；也可乘旅游专线。",
        },
        ["茶园与竹海之间的乡间公路"],
    ),
    (
        TourismRoutePage,
        "老城非遗一日游",
        {
            "summary": "步行串起老街、剪纸传习所、文化馆和西湖湿地。",
            "duration": "一日游",
            "itinerary": "老街口米粉早餐\n东城剪纸传习所体验剪纸\n示例市文化馆看展览\n西湖湿地公园骑行看日落",
            "tickets": "全程免费（剪纸体验材料费20元）",
            "transport": "全程步行和公交，约8公里。",
        },
        ["老城街巷里的非遗传习所门口"],
    ),
    (
        FoodPage,
        "白沙小龙虾",
        {
            "summary": "稻虾共养的小龙虾个大肉紧，以口味虾、蒜蓉虾最受欢迎。",
            "where_to_eat": "白沙小龙虾大排档（白沙镇集镇中心街16号）\n白沙渔家客栈（白沙镇河湾村）",
            "opening_hours": "每年5月至10月为旺季",
            "address": "白沙镇",
            "lat": (28.1200, 113.0420),
            "body": "<p>白沙镇小龙虾养殖面积两万余亩，“白沙小龙虾”为国家地理标志证明商标。</p>",
        },
        ["一盘红亮的白沙口味小龙虾"],
    ),
    (
        FoodPage,
        "西湖藕粉",
        {
            "summary": "西湖莲藕手工制成，冲调后晶莹剔透，是本地人待客和送礼的传统特产。",
            "where_to_eat": "西湖藕粉老字号（西湖街道湖滨路2号）",
            "opening_hours": "8:00-20:00",
            "address": "西湖街道湖滨路",
            "lat": (28.1960, 112.9300),
            "body": "<p>每年秋冬挖藕后制粉，全部手工沉淀晾晒，不添加任何辅料。</p>",
        },
        ["一碗冲调好的西湖藕粉，点缀桂花"],
    ),
]


def _bureau(builder) -> Agency:
    code, slug, name, short = BUREAU
    bureau = Agency.objects.create(
        code=code,
        name=name,
        short_name=short,
        kind=AgencyKind.DEPARTMENT,
        address="示例市中心区文化路8号",
        phone="0731-82230808",
    )
    builder.agencies[code] = bureau
    password = make_password(registry.DEMO_PASSWORD)
    groups = agency_groups(bureau)
    for role, last, first in BUREAU_STAFF:
        user = User.objects.create(
            username=f"{slug}_{role}", password=password, agency=bureau, last_name=last, first_name=first
        )
        user.groups.add(groups[role])
        builder.users[user.username] = user
    return bureau


def _tourism(builder, bureau: Agency) -> int:
    portal = SiteHomePage.objects.get(kind=SiteKind.PORTAL)
    admin = builder.users.get("admin")
    index = TourismIndexPage(
        title="旅游文化",
        slug="lywh",
        owner=admin,
        intro="<p>山水茶乡，温泉古镇。这里汇集全市的景区景点、文化遗产、节庆活动、旅游线路和特色美食，由市文化旅游广电局维护。</p>",
    )
    portal.add_child(instance=index)
    index.maintainers.set([bureau])
    index.save_revision(user=admin).publish(user=admin)
    actions.tourism_maintainers_sync(index=index, actor=admin)

    Image = get_image_model()
    collection = agency_collection(bureau)
    today = builder.now.date()
    first_of_month = date(today.year, today.month, 1)
    count = 0
    for n, (model, title, fields, alts) in enumerate(TOURISM):
        fields = dict(fields)
        lat = fields.pop("lat", None)
        days = fields.pop("days", None)
        if days is not None:
            start = first_of_month + timedelta(days=days[0])
            fields.update(start_date=start, end_date=start + timedelta(days=days[1]) if days[1] else None)
        page = model(title=title, slug=f"item{n + 1}", owner=admin, **fields)
        if lat:
            page.latitude, page.longitude = Decimal(str(lat[0])), Decimal(str(lat[1]))
        for k, alt in enumerate(alts):
            image = Image(
                title=alt,
                description=alt,
                file=ContentFile(images.landscape(builder.rng, 480, 270), name=f"demo-lywh-{n + 1}-{k + 1}.jpg"),
                collection=collection,
                uploaded_by_user=admin,
            )
            image._set_image_file_metadata()
            image.save()
            page.gallery.add(TourismImage(image=image, alt_text=alt, caption=alt if k == 0 else ""))
        index.add_child(instance=page)
        page.save_revision(user=admin).publish(user=admin)
        count += 1
    return count


def _directory(builder, bureau: Agency) -> list[DirectoryEntry]:
    city = builder.agencies[registry.CITY_GOVERNMENT_CODE]
    rows = []
    for n, (category, town, name, address, phone, hours, services, keeper) in enumerate(ENTRIES):
        township = builder.agencies[town]
        agency = {"bureau": bureau, "town": township, "city": city}.get(keeper) or builder.agencies[keeper]
        lat, lng = CENTRES[town]
        # spread around the centre, the same each load
        lat += ((n * 37) % 17 - 8) * 0.0022
        lng += ((n * 53) % 19 - 9) * 0.0026
        rows.append(
            DirectoryEntry(
                agency=agency,
                category=category,
                name=name,
                township=township,
                address=f"示例市{address}",
                phone=phone,
                hours=hours,
                services=services,
                latitude=Decimal(f"{lat:.6f}"),
                longitude=Decimal(f"{lng:.6f}"),
            )
        )
    return DirectoryEntry.objects.bulk_create(rows)


def load(builder) -> None:
    bureau = _bureau(builder)
    _tourism(builder, bureau)
    entries = _directory(builder, bureau)  # indexed by the loader's one rebuild of the search index
    hotel = next(e for e in entries if e.name == "东城锦江之星酒店")
    actions.correction_submit(
        entry=hotel,
        content="酒店前台电话已更换为 0731-82231668，原号码已停用。",
        name="刘建国",
        phone="13807310001",
    )
