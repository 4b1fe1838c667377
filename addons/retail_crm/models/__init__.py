from . import retail_customer_group
from . import res_partner
from . import pos_config
from . import retail_demo_data
