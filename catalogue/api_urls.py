from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("qualifications", api.QualificationViewSet, basename="qualification")
router.register("editions", api.EditionViewSet, basename="edition")
urlpatterns = router.urls
