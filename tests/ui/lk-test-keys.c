/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/Xlibint.h>
#include <X11/extensions/XInput2.h>
#include <X11/extensions/xtestconst.h>
#include <X11/extensions/xtestproto.h>

#include "lk-test-keys.h"
#include "lk-test-ui.h"

typedef struct
{
  guint    keyval;
  gboolean handled;
} Seen;

static int
xtest_opcode (Display *display)
{
  int opcode = 0, event = 0, error = 0;

  return XQueryExtension (display, XTestExtensionName, &opcode, &event, &error) ? opcode : -1;
}

gboolean
lk_test_keys_available (GtkWidget   *window,
                        const char **why)
{
  GdkDisplay *display = gtk_widget_get_display (window);

  if (!GDK_IS_X11_DISPLAY (display))
    {
      *why = "keys are pressed through X11's XTEST extension; this display is not X11";
      return FALSE;
    }
  if (xtest_opcode (gdk_x11_display_get_xdisplay (display)) < 0)
    {
      *why = "the X server has no XTEST extension";
      return FALSE;
    }
  return TRUE;
}

/* One XTEST FakeInput request, as libXtst's XTestFakeKeyEvent makes it (its headers are not a
 * build dependency; the protocol headers are). */
static void
fake_key (Display *dpy,
          int      opcode,
          guint    keycode,
          gboolean press)
{
  xXTestFakeInputReq *req;

  LockDisplay (dpy);
  GetReq (XTestFakeInput, req);
  req->reqType = (CARD8) opcode;
  req->xtReqType = X_XTestFakeInput;
  req->type = press ? KeyPress : KeyRelease;
  req->detail = (CARD8) keycode;
  req->time = CurrentTime;
  UnlockDisplay (dpy);
  SyncHandle ();
}

static gboolean
after_press (gpointer data)
{
  Seen *seen = data;

  seen->handled = TRUE;
  return G_SOURCE_REMOVE;
}

/* Seen before any widget acts on it: once the main loop is idle again, every handler of the
 * press (a shortcut, a focus move, a dialog opened) has run. The release is not waited for: a
 * dialog the press opens takes it. */
static gboolean
on_pressed (GtkEventControllerKey *controller,
            guint                  keyval,
            guint                  keycode,
            GdkModifierType        state,
            Seen                  *seen)
{
  if (gdk_keyval_to_lower (keyval) == gdk_keyval_to_lower (seen->keyval))
    g_idle_add_full (G_PRIORITY_LOW, after_press, seen, NULL);
  return FALSE;
}

/* A watcher on @window for the key pressed. */
static Seen *
seen_for (GtkWidget *window)
{
  Seen *seen = g_object_get_data (G_OBJECT (window), "lk-test-keys-seen");
  GtkEventController *controller;

  if (seen != NULL)
    return seen;
  seen = g_new0 (Seen, 1);
  g_object_set_data_full (G_OBJECT (window), "lk-test-keys-seen", seen, g_free);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_pressed), seen);
  gtk_widget_add_controller (window, controller);
  return seen;
}

static gboolean
handled (gpointer data)
{
  return ((Seen *) data)->handled;
}

/* The keyboard's events go to @xid only, whatever window has the input focus. */
static void
grab_keyboard (Display *display,
               int      keyboard,
               Window   xid)
{
  unsigned char mask[XIMaskLen (XI_LASTEVENT)] = { 0, };
  XIEventMask events = { keyboard, sizeof mask, mask };

  XISetMask (mask, XI_KeyPress);
  XISetMask (mask, XI_KeyRelease);
  g_assert_cmpint (XIGrabDevice (display, keyboard, xid, CurrentTime, None, XIGrabModeAsync,
                                 XIGrabModeAsync, False, &events), ==, GrabSuccess);
}

void
lk_test_press_key (GtkWidget       *window,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  GdkDisplay *gdk_display = gtk_widget_get_display (window);
  Display *display = gdk_x11_display_get_xdisplay (gdk_display);
  GdkDevice *device = gdk_seat_get_keyboard (gdk_display_get_default_seat (gdk_display));
  int keyboard = gdk_x11_device_get_id (device);
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  int opcode = xtest_opcode (display);
  guint held[2] = { 0, 0 }, n_held = 0;
  guint keycode = XKeysymToKeycode (display, keyval);
  Seen *seen = seen_for (window);

  g_assert_cmpuint (keycode, !=, 0);
  if (modifiers & GDK_CONTROL_MASK)
    held[n_held++] = XKeysymToKeycode (display, GDK_KEY_Control_L);
  if (modifiers & GDK_SHIFT_MASK)
    held[n_held++] = XKeysymToKeycode (display, GDK_KEY_Shift_L);
  seen->keyval = keyval;
  seen->handled = FALSE;
  grab_keyboard (display, keyboard, xid);
  for (guint i = 0; i < n_held; i++)
    fake_key (display, opcode, held[i], TRUE);
  fake_key (display, opcode, keycode, TRUE);
  fake_key (display, opcode, keycode, FALSE);
  for (guint i = n_held; i > 0; i--)
    fake_key (display, opcode, held[i - 1], FALSE);
  XSync (display, False);
  g_assert_true (lk_test_wait (handled, seen, 10000));
  XIUngrabDevice (display, keyboard, CurrentTime);
  XSync (display, False);
}
