"""便民服务 — tourism and culture, the directory of services, public query systems (issue 23)."""
