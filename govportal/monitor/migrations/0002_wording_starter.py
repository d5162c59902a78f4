"""错敏词: the starter dictionaries (a modest, non-political list the information office
extends in 网站监管 → 错敏词词库). Kept in its own migration so that the monitor's schema
migrations can be regenerated without losing it."""

from django.db import migrations

STARTER = [
    # 错别字: wrong → right
    ("typo", "按装", "安装", ""),
    ("typo", "既使", "即使", "“既…又…”句式中可接受"),
    ("typo", "做为", "作为", ""),
    ("typo", "再接再励", "再接再厉", ""),
    ("typo", "迫不急待", "迫不及待", ""),
    ("typo", "迫不及侍", "迫不及待", ""),
    ("typo", "度过难关", "渡过难关", "难关用“渡过”"),
    ("typo", "一愁莫展", "一筹莫展", ""),
    ("typo", "谈笑风声", "谈笑风生", ""),
    ("typo", "甘败下风", "甘拜下风", ""),
    ("typo", "默守成规", "墨守成规", ""),
    ("typo", "重迭", "重叠", ""),
    ("typo", "针贬", "针砭", ""),
    ("typo", "截止目前", "截至目前", "到某时为止用“截至”"),
    ("typo", "截止到", "截至", ""),
    ("typo", "其它", "其他", "规范用字：“其他”"),
    ("typo", "帐号", "账号", ""),
    ("typo", "帐户", "账户", ""),
    ("typo", "签定", "签订", "签订合同、协议"),
    ("typo", "布署", "部署", ""),
    # 过时机构名称: old → current
    ("outdated", "国家工商行政管理总局", "国家市场监督管理总局", "2018年机构改革"),
    ("outdated", "工商行政管理局", "市场监督管理局", "2018年机构改革"),
    ("outdated", "食品药品监督管理局", "市场监督管理局", "2018年机构改革"),
    ("outdated", "国土资源局", "自然资源局", "2018年机构改革"),
    ("outdated", "国土资源部", "自然资源部", "2018年机构改革"),
    ("outdated", "卫生和计划生育委员会", "卫生健康委员会", "2018年机构改革"),
    ("outdated", "卫计委", "卫生健康委", "2018年机构改革"),
    ("outdated", "环境保护局", "生态环境局", "2018年机构改革"),
    ("outdated", "环保局", "生态环境局", "2018年机构改革"),
    ("outdated", "安全生产监督管理局", "应急管理局", "2018年机构改革"),
    ("outdated", "安监局", "应急管理局", "2018年机构改革"),
    ("outdated", "人事局", "人力资源和社会保障局", ""),
    ("outdated", "农业局", "农业农村局", "2018年机构改革"),
    ("outdated", "文化广电新闻出版局", "文化和旅游局", "2018年机构改革"),
    # 禁用词: absolute terms (广告法 art. 9) that a government site must not use
    ("banned", "最佳", "", "绝对化用语"),
    ("banned", "最优秀", "", "绝对化用语"),
    ("banned", "第一品牌", "", "绝对化用语"),
    ("banned", "国家级产品", "", "绝对化用语"),
    ("banned", "全国领先", "", "须有依据"),
    ("banned", "顶级", "", "绝对化用语"),
    ("banned", "独一无二", "", "绝对化用语"),
    ("banned", "100%有效", "", "绝对化用语"),
    # 敏感词: placeholders — the information office replaces them with its own list
    ("sensitive", "敏感词示例甲", "", "占位词条：请信息办替换为本地词库"),
    ("sensitive", "敏感词示例乙", "", "占位词条：请信息办替换为本地词库"),
]


def seed(apps, schema_editor):
    WordingEntry = apps.get_model("monitor", "WordingEntry")
    for kind, word, suggestion, note in STARTER:
        WordingEntry.objects.get_or_create(kind=kind, word=word, defaults={"suggestion": suggestion, "note": note})


def unseed(apps, schema_editor):
    WordingEntry = apps.get_model("monitor", "WordingEntry")
    for kind, word, _suggestion, _note in STARTER:
        WordingEntry.objects.filter(kind=kind, word=word, updated_by=None).delete()


class Migration(migrations.Migration):
    dependencies = [("monitor", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
