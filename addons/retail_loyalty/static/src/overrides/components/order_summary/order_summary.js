import { OrderSummary } from "@point_of_sale/app/screens/product_screen/order_summary/order_summary";
import { RetailMemberSummary } from "@retail_loyalty/components/member_summary/member_summary";
import { RetailProductSuggestions } from "@retail_loyalty/suggestions/product_suggestions";

OrderSummary.components = { ...OrderSummary.components, RetailMemberSummary, RetailProductSuggestions };
