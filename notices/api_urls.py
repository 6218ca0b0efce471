from rest_framework.routers import SimpleRouter

from .api import NoticeViewSet

router = SimpleRouter()
router.register("notices", NoticeViewSet, basename="api-notice")
urlpatterns = router.urls
