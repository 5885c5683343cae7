from django.apps import AppConfig


class ZoneWardenConfig(AppConfig):
    name = "zonewarden.web"
    label = "zonewarden"
    verbose_name = "ZoneWarden"
