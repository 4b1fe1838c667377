from . import retail_card_issue
from . import retail_card_replace
