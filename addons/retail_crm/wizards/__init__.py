from . import retail_top_customer_wizard
