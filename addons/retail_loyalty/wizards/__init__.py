from . import retail_card_issue
from . import retail_card_replace
from . import retail_stored_value_topup
from . import retail_stored_value_adjust
from . import retail_prepaid_breakage
from . import retail_prepaid_breakage_line
from . import retail_product_card_adjust
from . import retail_product_card_give
