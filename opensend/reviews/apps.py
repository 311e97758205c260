from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "opensend.reviews"
    label = "reviews"
    verbose_name = "Annual reviews, phase transfers and transfer programmes"

    def ready(self):
        from opensend.reviews import hooks

        hooks.connect()
