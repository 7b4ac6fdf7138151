"""Enterprise cultivation (企业培育): tech-SME and high-tech rules, tiers and the reserve pool."""
