from . import retail_prepaid_reconciliation
from . import retail_prepaid_reconciliation_line
from . import retail_prepaid_reconciliation_difference
from . import retail_customer_margin_report
from . import retail_customer_group_margin_report
from . import retail_demand_forecast
from . import retail_customer_dashboard
from . import retail_product_association
