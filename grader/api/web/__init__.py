"""The reviewer's web pages: server-rendered templates, a stylesheet, the sign-in session."""
