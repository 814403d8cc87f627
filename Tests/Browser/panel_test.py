#!/usr/bin/env python3
"""Drives the huashu side panel (/) and editor page (/editor) in headless Chromium.

Usage: python3 Tests/Browser/panel_test.py --base http://127.0.0.1:PORT [--screenshot PATH]

scripts/browser-test starts a fresh server (a new HUASHU_HOME) with the fixture personal layer
and runs this. Against a server of your own, start it with `--personal
Tests/Browser/Fixtures/personal` for the image step, or pass --skip-image.
Exit status: 0 when every step passed, 1 otherwise.
"""

import argparse
import json
import re
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import (
    StaleElementReferenceException, TimeoutException, WebDriverException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

WAIT = 10  # seconds to wait for an answer to show


class Failure(Exception):
    """A step's assertion failed."""


def check(condition, message):
    if not condition:
        raise Failure(message)


class PanelTest:
    def __init__(self, base, screenshot, skip_image):
        self.base = base.rstrip('/')
        self.screenshot = screenshot
        self.skip_image = skip_image
        self.console = []  # every browser console entry seen
        self.answered = 0  # the panel's answer count before the last message sent
        self.chat_number = 0  # the n of the chat id cn the panel is on
        options = webdriver.ChromeOptions()
        options.binary_location = '/usr/bin/chromium'
        for argument in ('--headless=new', '--no-sandbox', '--disable-dev-shm-usage',
                         '--window-size=420,900', '--lang=zh-CN', '--force-device-scale-factor=1'):
            options.add_argument(argument)
        options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
        self.driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
        self.driver.set_window_size(420, 900)
        self.driver.set_script_timeout(WAIT)
        self.driver.execute_cdp_cmd('Browser.grantPermissions', {
            'origin': self.base,
            'permissions': ['clipboardReadWrite', 'clipboardSanitizedWrite'],
        })

    # ------------------------------------------------------------ helpers

    def open(self, path):
        self.collect_console()
        self.driver.get(self.base + path)

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait_for(self, predicate, message, timeout=WAIT):
        """Waits until predicate(driver) is truthy; fails with message (and the status line)."""
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.1,
                                 ignored_exceptions=[StaleElementReferenceException]).until(
                lambda driver: predicate(driver))
        except TimeoutException:
            raise Failure(f'{message} (waited {timeout} s; page status: {self.status_text()!r})')

    def status_text(self):
        try:
            status = self.find('#status')
            return status.text if status.is_displayed() else ''
        except WebDriverException:
            return ''

    def clipboard_text(self):
        """The clipboard's text, read in the page with navigator.clipboard.readText()."""
        result = self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            navigator.clipboard.readText().then(
              (text) => done({ text }), (error) => done({ error: String(error) }));
        """)
        check('error' not in result, f'cannot read the clipboard: {result.get("error")}')
        return result['text']

    def clipboard_types(self):
        """The MIME types on the clipboard, read with navigator.clipboard.read()."""
        result = self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            navigator.clipboard.read().then(
              (items) => done({ types: items.flatMap((item) => item.types) }),
              (error) => done({ error: String(error) }));
        """)
        check('error' not in result, f'cannot read the clipboard: {result.get("error")}')
        return result['types']

    def wait_clipboard(self, expected, what):
        last = None
        deadline = time.time() + WAIT
        while time.time() < deadline:
            last = self.clipboard_text()
            if last == expected:
                return
            time.sleep(0.1)
        raise Failure(f'{what}: the clipboard holds {last!r}, expected {expected!r} '
                      f'(page status: {self.status_text()!r})')

    def get_json(self, path):
        with urllib.request.urlopen(self.base + path, timeout=WAIT) as response:
            return json.load(response)

    def accepted(self, reply_id):
        """How many times the server counted reply_id as accepted (GET /api/usage)."""
        usage = self.get_json('/api/usage')
        return next((reply.get('accepted', 0) for reply in usage.get('replies', [])
                     if reply.get('id') == reply_id), 0)

    def new_chat(self):
        """Clicks 新会话 and checks the picker moved to the next chat id."""
        self.chat_number += 1
        expected = f'c{self.chat_number}'
        self.find('#new-chat').click()
        self.wait_for(lambda d: self.find('#chat').get_attribute('value') == expected,
                      f'新会话 should start chat {expected}, the picker shows '
                      f'{self.find("#chat").get_attribute("value")!r}')

    def replies(self):
        return self.find_all('#suggestions .reply')

    def reply_text(self, index):
        return self.replies()[index].find_element(By.CSS_SELECTOR, '.text').text

    def answers(self):
        """How many answers the panel has shown so far (its data-answers counter)."""
        return int(self.find('#result').get_attribute('data-answers') or 0)

    def send_message(self, text):
        """Types a buyer message in the panel and presses Enter."""
        self.answered = self.answers()
        box = self.find('#message')
        box.click()
        box.send_keys(Keys.CONTROL, 'a')
        box.send_keys(Keys.DELETE)
        box.send_keys(text)
        box.send_keys(Keys.ENTER)

    def wait_turn(self, turn):
        self.wait_for(lambda d: self.answers() > self.answered,
                      f'after Enter, no answer showed up (turn {turn})')
        shown = self.find('#chat-state').get_attribute('data-turn')
        check(shown == str(turn), f'the panel shows turn {shown}, expected turn {turn}')
        check(self.replies(), f'no suggestions are listed for turn {turn}: '
                              f'{self.find("#no-suggestion").text!r}')

    def collect_console(self):
        try:
            self.console.extend(self.driver.get_log('browser'))
        except WebDriverException:
            pass  # the driver has no log: nothing to check

    # ------------------------------------------------------------ steps

    def step_suggest(self):
        self.open('/')
        self.wait_for(lambda d: self.find('#chat').get_attribute('value'),
                      'the chat picker got no default chat id')
        chat = self.find('#chat').get_attribute('value')
        known = [c['chat'] for c in self.get_json('/api/chats').get('chats', [])]
        numbers = [int(c[1:]) for c in known if re.fullmatch(r'c\d+', c)]
        expected = f'c{max(numbers, default=0) + 1}'  # c1 on a fresh server
        check(chat == expected, f'the chat picker should start at {expected}, it shows {chat!r}')
        self.chat_number = int(chat[1:])
        self.send_message('老板能便宜点吗')
        self.wait_turn(1)
        intent = self.find('#intent')
        check(intent.get_attribute('data-intent') == 'bargain' and 'bargain' in intent.text,
              f'老板能便宜点吗 should be shown as bargain, the panel shows {intent.text!r}')
        check('议价' in intent.text, f'the intent label 议价 is not shown: {intent.text!r}')
        emotion = self.find('#emotion')
        check(emotion.text == '平静', f'the emotion badge should read 平静, it reads {emotion.text!r}')
        count = len(self.replies())
        check(count >= 2, f'at least two replies should be listed, {count} are')
        return count

    def step_copy_click(self):
        first = self.replies()[0]
        reply_id = first.get_attribute('data-id')
        text = self.reply_text(0)
        before = self.accepted(reply_id)  # 0 on a fresh server
        first.find_element(By.CSS_SELECTOR, '.copy').click()
        self.wait_for(lambda d: '已复制' in self.status_text(),
                      'clicking 复制 showed no 已复制 confirmation')
        self.wait_clipboard(text, 'after clicking the first reply\'s 复制')

        self.wait_for(lambda d: self.accepted(reply_id) == before + 1,
                      f'the server did not count {reply_id} as accepted once more than '
                      f'{before} (GET /api/usage: {self.get_json("/api/usage")})')

    def step_copy_keys(self):
        self.driver.execute_script('document.activeElement && document.activeElement.blur()')
        ActionChains(self.driver).send_keys('2').perform()
        self.wait_clipboard(self.reply_text(1), 'after pressing 2 outside the text fields')
        if len(self.replies()) >= 3:
            # Alt+3 works with the focus in the message box, and types nothing there.
            box = self.find('#message')
            box.click()
            before = box.get_attribute('value')
            ActionChains(self.driver).key_down(Keys.ALT).send_keys('3').key_up(Keys.ALT).perform()
            self.wait_clipboard(self.reply_text(2), 'after pressing Alt+3 in the message box')
            check(box.get_attribute('value') == before,
                  'Alt+3 in the message box changed the message')
            # A plain 1 in the message box is just typed, not a copy.
            box.send_keys('1')
            check(box.get_attribute('value') == before + '1',
                  'typing 1 in the message box did not type a 1')
            time.sleep(0.3)
            check(self.clipboard_text() == self.reply_text(2),
                  'typing 1 in the message box copied a reply')

    def step_search(self):
        search = self.find('#search')
        search.click()
        search.send_keys('hdfk')
        self.wait_for(lambda d: self.find('#search-results').get_attribute('data-query') == 'hdfk',
                      'searching hdfk showed no answer')
        check(self.find_all('#search-results .reply'), 'searching hdfk (货到付款) listed no replies')
        first = self.find_all('#search-results .reply')[0]
        meta = first.find_element(By.CSS_SELECTOR, '.meta').text
        check('货到付款' in meta, f'the first hdfk result is not in group 货到付款: {meta!r}')
        text = first.find_element(By.CSS_SELECTOR, '.text').text
        first.find_element(By.CSS_SELECTOR, '.copy').click()
        self.wait_clipboard(text, 'after copying the first search result')
        search.clear()
        search.send_keys('yj1')
        self.wait_for(lambda d: self.find('#search-results').get_attribute('data-query') == 'yj1'
                      and any(
            code.text == 'yj1' for code in self.find_all('#search-results .reply .meta code')),
            'searching the code yj1 did not list reply yj1')

    def step_second_turn(self):
        self.send_message('太贵了，再便宜点')
        self.wait_turn(2)
        check(self.find('#intent').get_attribute('data-intent') == 'bargain',
              f'太贵了，再便宜点 should be bargain, shown: {self.find("#intent").text!r}')
        state = self.find('#chat-state').text
        check('第 2 轮' in state, f'the chat state should say 第 2 轮: {state!r}')

    def step_handoff(self):
        self.new_chat()
        check(self.find('#result').get_attribute('hidden') is not None,
              '新会话 left the last chat\'s suggestions on screen')
        self.send_message('你们少发了一件！！！我要投诉')
        self.wait_turn(1)
        check(self.find('#emotion').get_attribute('data-emotion') == 'angry'
              and self.find('#emotion').text == '愤怒',
              f'the emotion badge should be 愤怒, it is {self.find("#emotion").text!r}')
        handoff = self.find('#handoff')
        check(handoff.is_displayed() and '转人工' in handoff.text and '投诉' in handoff.text,
              f'the hand-off warning with its reason is not shown: {handoff.text!r}')
        step = self.find('#deescalation')
        check(step.is_displayed() and 'acknowledge' in step.text,
              f'the de-escalation step is not shown: {step.text!r}')

    def step_image(self):
        self.new_chat()
        self.send_message('尺码怎么选')
        self.wait_turn(1)
        first = self.replies()[0]
        images = first.find_elements(By.CSS_SELECTOR, '.images img')
        check(images, 'the size-chart reply has no thumbnail: was the server started with '
                      '--personal Tests/Browser/Fixtures/personal? (or pass --skip-image)')
        source = images[0].get_attribute('src')
        check(source.endswith('/images/personal/images/size-chart.png'),
              f'the thumbnail should come from /images/personal/images/size-chart.png: {source}')
        self.wait_for(lambda d: d.execute_script(
            'return arguments[0].complete && arguments[0].naturalWidth > 0', images[0]),
            f'the thumbnail {source} did not load')
        text = self.reply_text(0)
        first.find_element(By.CSS_SELECTOR, '.copy').click()
        self.wait_for(lambda d: '已复制' in self.status_text(), 'copying the image reply showed nothing')
        self.wait_clipboard(text, 'after copying the image reply')
        status = self.status_text()
        if '图片' in status and '已复制文字和图片' in status:
            types = self.clipboard_types()
            check('image/png' in types, f'the page says it copied the image, the clipboard has {types}')
        else:
            check('图片' in status, f'a text-only copy of an image reply must say so: {status!r}')
            print(f'   note: the browser copied text only: {status}')

    def step_screenshot(self):
        if not self.screenshot:
            return
        self.open('/')
        self.wait_for(lambda d: self.find('#chat').get_attribute('value'), 'the panel did not start')
        self.new_chat()
        self.send_message('老板能便宜点吗')
        self.wait_turn(1)
        # Fit the whole panel in the picture (no scroll bar), at the panel's width.
        for _ in range(5):
            page, view = self.driver.execute_script(
                'return [document.documentElement.scrollHeight, window.innerHeight]')
            if page <= view:
                break
            size = self.driver.get_window_size()
            self.driver.set_window_size(420, min(size['height'] + page - view, 2000))
        self.driver.execute_script('window.scrollTo(0, 0)')
        # Reply 1 just copied: its 已复制 confirmation shows.
        self.driver.execute_script('document.activeElement && document.activeElement.blur()')
        ActionChains(self.driver).send_keys('1').perform()
        self.wait_for(lambda d: '已复制' in self.status_text(), 'key 1 showed no 已复制')
        check(self.driver.save_screenshot(self.screenshot), f'cannot write {self.screenshot}')
        self.driver.set_window_size(420, 900)
        print(f'   screenshot: {self.screenshot}')

    def step_editor(self):
        self.open('/editor')
        link = self.find('a[href="/"]')
        check(link.is_displayed(), 'the editor has no link back to the panel')
        box = self.find('#explain-text')
        box.send_keys('你们少发了一件！！！我要投诉')
        box.send_keys(Keys.ENTER)
        self.wait_for(lambda d: self.find_all('#rules .rule'),
                      'explaining 你们少发了一件！！！我要投诉 listed no fired rule')
        places = [rule.find_element(By.CSS_SELECTOR, '.loc').text
                  for rule in self.find_all('#rules .rule')]
        check(any(place.startswith('rules/missing_item.yaml:') for place in places),
              f'no fired rule from rules/missing_item.yaml: {places}')
        marks = [mark.text for mark in self.find_all('#rules .rule mark')]
        check('少发' in marks, f'the span 少发 is not highlighted in the fired rules: {marks}')
        emotion = self.find('#explain-emotion')
        check(emotion.get_attribute('data-emotion') == 'angry' and '愤怒' in emotion.text,
              f'the explained emotion should be angry (愤怒): {emotion.text!r}')
        intent = self.find('#explain-intent').get_attribute('data-intent')
        check(intent == 'missing_item', f'the explained intent should be missing_item: {intent!r}')
        check(self.find_all('#explain-suggestions .suggestion'),
              'the explain trace lists no suggestions')
        self.find('#run-examples').click()
        self.wait_for(lambda d: '检查了' in self.find('#test-result').text,
                      '运行规则示例 showed no checked count', timeout=120)
        check('全部通过' in self.find('#test-result').text,
              f'the shipped rule examples should all pass: {self.find("#test-result").text[:300]!r}')
        self.find('a[href="/"]').click()
        self.wait_for(lambda d: self.find_all('#message'), 'the link to the panel did not open it')

    def step_console(self):
        self.collect_console()
        severe = [entry for entry in self.console if entry.get('level') == 'SEVERE']
        csp = [entry for entry in self.console if 'Content Security Policy' in entry.get('message', '')]
        problems = severe + [entry for entry in csp if entry not in severe]
        check(not problems, 'the browser console has errors:\n  ' + '\n  '.join(
            entry.get('message', '') for entry in problems))

    def run(self):
        steps = [
            ('panel: Enter suggests bargain replies for 老板能便宜点吗', self.step_suggest),
            ('panel: 复制 copies reply 1 and the server counts it', self.step_copy_click),
            ('panel: key 2 and Alt+3 copy replies 2 and 3', self.step_copy_keys),
            ('panel: 搜索话术 finds hdfk and yj1', self.step_search),
            ('panel: a second turn of the chat', self.step_second_turn),
            ('panel: 新会话, an angry complaint shows 转人工 and the script step', self.step_handoff),
        ]
        if not self.skip_image:
            steps.append(('panel: a reply with an image (thumbnail, copy)', self.step_image))
        steps += [
            ('panel: screenshot', self.step_screenshot),
            ('editor: explain, rule examples, link back', self.step_editor),
            ('console: no CSP violation or JS error', self.step_console),
        ]
        for name, step in steps:
            started = time.time()
            try:
                step()
            except Failure as failure:
                print(f'FAIL {name}\n     {failure}', file=sys.stderr)
                self.dump()
                return False
            print(f'ok   {name} ({time.time() - started:.1f} s)')
        return True

    def dump(self):
        """On failure: the console and where the page was, to debug from CI's log."""
        self.collect_console()
        for entry in self.console:
            print(f'     console {entry.get("level")}: {entry.get("message")}', file=sys.stderr)
        try:
            print(f'     page: {self.driver.current_url}', file=sys.stderr)
        except WebDriverException:
            pass

    def quit(self):
        try:
            self.driver.quit()
        except WebDriverException:
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--base', required=True, help='the server, e.g. http://127.0.0.1:18457')
    parser.add_argument('--screenshot', metavar='PATH', help='save the panel with suggestions here')
    parser.add_argument('--skip-image', action='store_true',
                        help='skip the image reply step (server without the fixture layer)')
    args = parser.parse_args()
    try:
        test = PanelTest(args.base, args.screenshot, args.skip_image)
    except WebDriverException as error:
        print(f'FAIL cannot start headless Chromium: {error.msg}', file=sys.stderr)
        return 1
    try:
        passed = test.run()
    except WebDriverException as error:
        print(f'FAIL the browser failed: {error.msg}', file=sys.stderr)
        test.dump()
        passed = False
    finally:
        test.quit()
    print('browser test passed' if passed else 'browser test FAILED',
          file=sys.stdout if passed else sys.stderr)
    return 0 if passed else 1


if __name__ == '__main__':
    sys.exit(main())
