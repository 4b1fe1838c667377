from . import test_voucher
from . import test_voucher_import
from . import test_voucher_race
from . import test_coupon
from . import test_pos_voucher_tour
