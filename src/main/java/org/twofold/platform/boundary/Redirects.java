package org.twofold.platform.boundary;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Sends a browser to another page, also from a Faces AJAX request, which would swallow a plain 302. */
public final class Redirects {

    private Redirects() {
    }

    /** {@code path} is relative to the context root, e.g. {@code /admin/login.xhtml}. */
    public static void to(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        String target = request.getContextPath() + path;
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + target + "\"></redirect></partial-response>");
        } else {
            response.sendRedirect(target);
        }
    }
}
