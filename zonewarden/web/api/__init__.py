from ninja import NinjaAPI

api = NinjaAPI(title="ZoneWarden API", version="1", urls_namespace="api")
