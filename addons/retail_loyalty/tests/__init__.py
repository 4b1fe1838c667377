from . import test_member_card
from . import test_points
from . import test_tier
from . import test_birthday
from . import test_tier_recompute
from . import test_pos_member_tour
from . import test_translations
from . import test_prepaid_flag
