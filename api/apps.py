from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Read API"

    def ready(self):
        # drf-spectacular finds the API key scheme through this module's extension class.
        from . import auth  # noqa: F401
