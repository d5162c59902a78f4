"""企业风采、名优新特产品、招商引资 and the portal's image windows (issue 24)."""
