from . import retail_voucher_generate
from . import retail_voucher_import
