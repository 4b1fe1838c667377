"""Base classes for the repository's cross-addon tests.

Odoo's test metaclass tags only classes defined under ``odoo.addons.<module>``; these tests live
outside any addon, so they declare their tags themselves.
"""
from odoo.tests import HttpCase, TransactionCase


class CrossAddonMixin:
    test_tags = {"standard", "post_install", "retail_e2e"}
    test_module = "retail_e2e"
    test_sequence = 0


class RetailTransactionCase(CrossAddonMixin, TransactionCase):
    pass


class RetailHttpCase(CrossAddonMixin, HttpCase):
    pass
