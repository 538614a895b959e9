from django.urls import path

from bench import views

urlpatterns = [path("ceiling/", views.ceiling, name="bench-ceiling")]
