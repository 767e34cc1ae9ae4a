from django.db import models


class RevenueBand(models.TextChoices):
    """营业收入规模 (per year). 2000万 is the 规模以上工业企业 line, the usual size cut of the statistics."""

    UNDER_5M = "lt5m", "500万元以下"
    FROM_5M = "5m-20m", "500万–2000万元"
    FROM_20M = "20m-100m", "2000万–1亿元"
    FROM_100M = "100m-1b", "1亿–10亿元"
    FROM_1B = "1b-10b", "10亿–100亿元"
    OVER_10B = "gt10b", "100亿元以上"


#: Bands in ascending order (index = size rank used by scoring).
REVENUE_BAND_ORDER: list[str] = [b.value for b in RevenueBand]
