from . import retail_customer_group
from . import res_partner
from . import retail_demo_data
