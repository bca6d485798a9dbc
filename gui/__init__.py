"""PySide6 views, controllers, Qt table models and the Qt bridge to the services.

Import PySide6 before pyqtgraph everywhere in this package so pyqtgraph never picks another
binding.
"""
