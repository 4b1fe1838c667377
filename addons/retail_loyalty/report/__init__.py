from . import retail_prepaid_reconciliation
from . import retail_prepaid_reconciliation_line
from . import retail_prepaid_reconciliation_difference
