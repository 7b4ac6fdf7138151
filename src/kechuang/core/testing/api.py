"""Generic REST API test suite (token auth, scoping, history, optimistic locking).

A concrete class subclasses ``APITestCases.Standard`` and supplies:

    model, in_scope(), out_of_scope()   as for the view suites
    endpoint        the router prefix, e.g. "orgs"
    create_data     JSON creating a record inside county_a
    create_outside  JSON placing a new record in county_b (must be refused)
    update_data     a PATCH changing `in_scope`
    filter_params   query parameters that select `in_scope` and not `out_of_scope`
"""

from django.test import TestCase
from rest_framework.test import APIClient

from .personas import Personas


class APITestCases:
    class Base(Personas, TestCase):
        model = None
        endpoint = ""
        create_data: dict = {}
        create_outside: dict = {}
        update_data: dict = {}
        filter_params: dict = {}

        @classmethod
        def setUpTestData(cls):
            cls.setup_personas()
            cls.grant(cls.user_a, cls.model)
            cls.setup_data()
            cls.obj_in = cls.in_scope()
            cls.obj_out = cls.out_of_scope()

        @classmethod
        def setup_data(cls):
            """Hook for extra records the concrete class needs."""

        def api(self, user=None) -> APIClient:
            client = APIClient()
            if user is not None:
                client.credentials(HTTP_AUTHORIZATION=f"Token {self.token(user)}")
            return client

        def list_url(self):
            return f"/api/{self.endpoint}/"

        def detail_url(self, obj):
            return f"/api/{self.endpoint}/{obj.pk}/"

    class Standard(Base):
        def test_anonymous_is_refused(self):
            self.assertEqual(self.api().get(self.list_url()).status_code, 401)

        def test_no_permission_is_forbidden(self):
            self.assertEqual(self.api(self.outsider).get(self.list_url()).status_code, 403)

        def test_list_is_scoped(self):
            r = self.api(self.user_a).get(self.list_url(), {"limit": 1000})
            self.assertEqual(r.status_code, 200)
            ids = {row["id"] for row in r.json()["results"]}
            self.assertIn(self.obj_in.pk, ids)
            self.assertNotIn(self.obj_out.pk, ids)
            self.assertEqual(r.json()["count"], self.model.objects.restrict(self.user_a).count())

        def test_filter(self):
            r = self.api(self.admin).get(self.list_url(), self.filter_params)
            ids = {row["id"] for row in r.json()["results"]}
            self.assertIn(self.obj_in.pk, ids)
            self.assertNotIn(self.obj_out.pk, ids)

        def test_retrieve_in_and_out_of_scope(self):
            client = self.api(self.user_a)
            self.assertEqual(client.get(self.detail_url(self.obj_in)).status_code, 200)
            self.assertEqual(client.get(self.detail_url(self.obj_out)).status_code, 404)

        def test_create_in_scope_records_history(self):
            r = self.api(self.user_a).post(self.list_url(), self.create_data, format="json")
            self.assertEqual(r.status_code, 201, r.content)
            # Setting many-to-many values after the insert may add "~" records; all are the user's.
            records = self.model.history.filter(id=r.json()["id"]).order_by("history_id")
            self.assertEqual(records[0].history_type, "+")
            self.assertEqual({rec.history_user for rec in records}, {self.user_a})

        def test_create_outside_scope_writes_nothing(self):
            before = (self.model.objects.count(), self.model.history.count())
            r = self.api(self.user_a).post(self.list_url(), self.create_outside, format="json")
            self.assertIn(r.status_code, (400, 404), r.content)
            self.assertEqual((self.model.objects.count(), self.model.history.count()), before)

        def test_update_requires_current_version(self):
            client = self.api(self.user_a)
            url = self.detail_url(self.obj_in)
            r = client.patch(url, self.update_data, format="json")
            self.assertEqual(r.status_code, 400)
            self.assertIn("version", r.json())
            r = client.patch(
                url, {**self.update_data, "version": self.obj_in.version}, format="json"
            )
            self.assertEqual(r.status_code, 200, r.content)
            self.assertEqual(r.json()["version"], self.obj_in.version + 1)
            latest = self.model.history.filter(id=self.obj_in.pk).latest("history_date")
            self.assertEqual((latest.history_type, latest.history_user), ("~", self.user_a))
            stale = client.patch(
                url, {**self.update_data, "version": self.obj_in.version}, format="json"
            )
            self.assertEqual(stale.status_code, 400)
            self.assertIn("已被他人修改", stale.json()["version"][0])

        def test_update_and_delete_out_of_scope_are_404(self):
            client = self.api(self.user_a)
            url = self.detail_url(self.obj_out)
            r = client.patch(url, {**self.update_data, "version": 1}, format="json")
            self.assertEqual(r.status_code, 404)
            self.assertEqual(client.delete(url).status_code, 404)
            self.assertTrue(self.model.objects.filter(pk=self.obj_out.pk).exists())

        def test_delete_in_scope(self):
            r = self.api(self.user_a).delete(self.detail_url(self.obj_in))
            self.assertEqual(r.status_code, 204)
            self.assertFalse(self.model.objects.filter(pk=self.obj_in.pk).exists())

        def test_schema_documents_the_endpoint(self):
            r = self.api(self.admin).get("/api/schema/", {"format": "json"})
            self.assertEqual(r.status_code, 200)
            self.assertIn(f"/api/{self.endpoint}/", r.json()["paths"])
