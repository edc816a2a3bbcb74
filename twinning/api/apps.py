from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "twinning.api"
    label = "twinning_api"
    verbose_name = "API"

    def ready(self) -> None:
        from twinning.activities.models import ActivityOrganization, ItineraryLeg, Participation, ProgrammeOrganization
        from twinning.core.invalidation import connect_models
        from twinning.directory.models import Role
        from twinning.offices.models import Membership
        from twinning.press.models import ArticleImage

        # The API's ETag/Last-Modified follow the data generation: the rows its answers show beyond
        # the models `network` connects (participants, legs, organization links, roles, images), and
        # memberships (they change which internal people a user sees) move it on too.
        connect_models(
            ActivityOrganization,
            ItineraryLeg,
            Participation,
            ProgrammeOrganization,
            Role,
            ArticleImage,
            Membership,
        )
