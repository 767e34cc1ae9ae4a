"""Project views, one module per area: projects (list, page, lifecycle), pool (the pool's shape),
rules (the city's scoring/health settings), task forces, leaders, imports."""
