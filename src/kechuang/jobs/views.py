from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import Job


@login_required
def job(request, pk: int):
    """A job's page: title, progress bar polled by htmx until it finishes, then its result."""
    obj = get_object_or_404(Job.objects.restrict(request.user), pk=pk)
    template = "jobs/_status.html" if request.headers.get("HX-Request") else "jobs/job.html"
    return render(request, template, {"job": obj})


@login_required
def job_list(request):
    jobs = Job.objects.restrict(request.user).select_related("user")[:100]
    return render(request, "jobs/job_list.html", {"jobs": jobs})
